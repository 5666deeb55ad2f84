package diff_test

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
)

// sharedDir holds the real ATT&CK bundles, outside the module so the
// repository does not carry 40 MB of MITRE data.
var sharedDir = filepath.Join("..", "..", "shared", "attack")

// loaded caches shared bundles: several tests and benchmarks compare the
// same releases, and each load costs a tenth of a second or more.
var loaded sync.Map // path → *loadResult

type loadResult struct {
	once sync.Once
	c    *attack.Catalog
	err  error
}

// loadShared loads a shared bundle once per test binary, skipping when the
// shared directory is absent; callers must not change the catalog.
func loadShared(tb testing.TB, name string) *attack.Catalog {
	tb.Helper()
	p := filepath.Join(sharedDir, name)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("shared ATT&CK data not available (%v); it lives in %s beside the module", err, sharedDir)
	}
	v, _ := loaded.LoadOrStore(p, new(loadResult))
	r := v.(*loadResult)
	r.once.Do(func() { r.c, r.err = attack.LoadFile(p, attack.Options{}) })
	if r.err != nil {
		tb.Fatal(r.err)
	}
	return r.c
}

// v19Like is falcomitre's hand-made bundle shaped like ATT&CK v19 (see
// check/testdata/v19/README.md).
func v19Like(tb testing.TB) *attack.Catalog {
	tb.Helper()
	c, err := attack.LoadFile(filepath.Join("..", "check", "testdata", "v19", "v19-like.stix21.json"), attack.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func embedded(tb testing.TB) *attack.Catalog {
	tb.Helper()
	c, err := attack.Embedded()
	if err != nil {
		tb.Fatal(err)
	}
	return c
}
