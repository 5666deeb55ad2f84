package attack

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// sharedDir holds the real ATT&CK bundles, outside the module so the
// repository does not carry 40 MB of MITRE data.
var sharedDir = filepath.Join("..", "..", "shared", "attack")

// sharedPath returns the path of a shared bundle, skipping the test when
// the shared directory is absent.
func sharedPath(tb testing.TB, name string) string {
	tb.Helper()
	p := filepath.Join(sharedDir, name)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("shared ATT&CK data not available (%v); it lives in %s beside the module", err, sharedDir)
	}
	return p
}

// loaded caches shared bundles: several tests read the same release and
// each load costs a tenth of a second.
var loaded sync.Map // path → *loadResult

// loadResult is one cached LoadFile outcome.
type loadResult struct {
	once sync.Once
	c    *Catalog
	err  error
}

// loadShared loads a shared bundle once per test binary; tests must not
// change the catalog.
func loadShared(tb testing.TB, name string) *Catalog {
	tb.Helper()
	p := sharedPath(tb, name)
	v, _ := loaded.LoadOrStore(p, new(loadResult))
	r := v.(*loadResult)
	r.once.Do(func() { r.c, r.err = LoadFile(p, Options{}) })
	if r.err != nil {
		tb.Fatal(r.err)
	}
	return r.c
}

// loadMini loads testdata/mini-bundle.json, a small bundle with the
// awkward cases the real data lacks (reused IDs, no ID, nested "type").
func loadMini(tb testing.TB) *Catalog {
	tb.Helper()
	c, err := LoadFile(filepath.Join("testdata", "mini-bundle.json"), Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}
