package dataset

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
)

// sameCatalog fails unless a and b encode alike.
func sameCatalog(t testing.TB, a, b *attack.Catalog) {
	t.Helper()
	ca, err := a.MarshalCompact()
	if err != nil {
		t.Fatal(err)
	}
	cb, err := b.MarshalCompact()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ca, cb) {
		t.Error("the catalogs differ")
	}
}

// openOnce caches the 19.0 bundle from a fresh server and returns the
// client, server, catalog and entry.
func openOnce(t *testing.T) (*Client, *fakeServer, *attack.Catalog, Entry) {
	t.Helper()
	s := newFakeServer(t, map[string][]byte{release19: bundle19(t)})
	c := newTestClient(t, s)
	cat, err := c.Open(context.Background(), Spec{Source: s.url(release19)})
	if err != nil {
		t.Fatal(err)
	}
	es, err := c.Cache.List()
	if err != nil || len(es) != 1 {
		t.Fatalf("cache entries %v, %v", es, err)
	}
	return c, s, cat, es[0]
}

// TestCorruptCatalogRebuilt: a flipped byte in the compact catalog is
// caught by its checksum and the catalog rebuilt from the bundle, offline.
func TestCorruptCatalogRebuilt(t *testing.T) {
	c, s, want, e := openOnce(t)
	flipByte(t, e.CatalogPath())
	got, err := c.Open(context.Background(), Spec{Source: s.url(release19)})
	if err != nil {
		t.Fatal(err)
	}
	sameCatalog(t, want, got)
	if n := s.hits.Load(); n != 1 {
		t.Errorf("%d requests, want 1: the bundle was there to rebuild from", n)
	}
	b, _ := os.ReadFile(e.CatalogPath())
	if hexSHA256(b) != e.CatalogSHA256 {
		t.Error("the catalog file was not rewritten")
	}
}

// TestStaleFormatRebuilt: metadata of another catalog format, or that
// does not decode, means a rebuild, not an error.
func TestStaleFormatRebuilt(t *testing.T) {
	c, s, want, e := openOnce(t)
	meta := filepath.Join(e.Dir, metaName(e.SHA256))
	b, _ := os.ReadFile(meta)
	os.WriteFile(meta, bytes.Replace(b, []byte(`"format": 1`), []byte(`"format": 999`), 1), 0o644)
	got, err := c.Open(context.Background(), Spec{Source: s.url(release19)})
	if err != nil {
		t.Fatal(err)
	}
	sameCatalog(t, want, got)
	os.WriteFile(meta, []byte("{"), 0o644)
	if _, err := c.Open(context.Background(), Spec{Source: s.url(release19)}); err != nil {
		t.Fatal(err)
	}
	if n := s.hits.Load(); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
	if e2, err := readEntry(e.Dir, e.SHA256); err != nil || e2.URL() != s.url(release19) || e2.Format != attack.CompactFormat {
		t.Errorf("rebuilt metadata %+v, %v", e2, err)
	}
}

// TestDamagedBundleRefetched: with the catalog corrupt and the bundle
// gone or damaged, Open downloads again.
func TestDamagedBundleRefetched(t *testing.T) {
	c, s, want, e := openOnce(t)
	flipByte(t, e.CatalogPath())
	os.Remove(e.BundlePath())
	got, err := c.Open(context.Background(), Spec{Source: s.url(release19)})
	if err != nil {
		t.Fatal(err)
	}
	sameCatalog(t, want, got)
	if n := s.hits.Load(); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
	// A damaged bundle is no better than a missing one.
	flipByte(t, e.CatalogPath())
	flipByte(t, e.BundlePath())
	if _, err := c.Open(context.Background(), Spec{Source: s.url(release19)}); err != nil {
		t.Fatal(err)
	}
	if n := s.hits.Load(); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
	if _, _, err := c.Cache.open(e.SHA256, "", attack.Options{}); err != nil {
		t.Errorf("entry after refetch: %v", err)
	}
}

// TestConcurrentOpen: runs that download one URL at once all succeed and
// leave one valid entry, with no temporary file.
func TestConcurrentOpen(t *testing.T) {
	s := newFakeServer(t, map[string][]byte{release19: bundle19(t)})
	c := newTestClient(t, s)
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() {
			// A client each, as separate processes would have.
			ci := *c
			_, errs[i] = ci.Open(context.Background(), Spec{Source: s.url(release19), Refresh: i%2 == 0})
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("Open %d: %v", i, err)
		}
	}
	es, err := c.Cache.List()
	if err != nil || len(es) != 1 {
		t.Fatalf("entries %v, %v", es, err)
	}
	if _, _, err := c.Cache.open(es[0].SHA256, "", attack.Options{}); err != nil {
		t.Error(err)
	}
	for _, f := range cacheFiles(t, c) {
		if strings.Contains(f, tempPrefix) {
			t.Errorf("temporary file left: %s", f)
		}
	}
	if got := len(cacheFiles(t, c)); got != 4 {
		t.Errorf("%d files in the cache, want 4: %v", got, cacheFiles(t, c))
	}
}

// TestCacheList: entries sort by domain, then numeric version; entries
// without valid metadata are left out.
func TestCacheList(t *testing.T) {
	files := map[string][]byte{
		"/a/enterprise-attack-19.0.json": plain19(t),
		"/a/enterprise-attack-9.0.json":  withVersion(t, "9.0"),
		"/a/enterprise-attack-10.0.json": withVersion(t, "10.0"),
	}
	s := newFakeServer(t, files)
	c := newTestClient(t, s)
	for p := range files {
		if _, err := c.Open(context.Background(), Spec{Source: s.url(p)}); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(c.Cache.Dir, strings.Repeat("a", 64)+metaSuffix), []byte("{}"), 0o644)
	es, err := c.Cache.List()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range es {
		got = append(got, e.Version)
	}
	if strings.Join(got, " ") != "9.0 10.0 19.0" {
		t.Errorf("versions %v, want 9.0 10.0 19.0", got)
	}
	if es[0].Fetched.IsZero() || es[0].Size == 0 || !validSHA256(es[0].SHA256) {
		t.Errorf("entry %+v", es[0])
	}
	// A missing cache is an empty one.
	if es, err := (Cache{Dir: filepath.Join(t.TempDir(), "none")}).List(); err != nil || len(es) != 0 {
		t.Errorf("missing cache: %v, %v", es, err)
	}
}

// TestMetadataShape: the metadata file holds what the brief of the cache
// promises, in JSON a person can read.
func TestMetadataShape(t *testing.T) {
	_, s, _, e := openOnce(t)
	b, err := os.ReadFile(filepath.Join(e.Dir, metaName(e.SHA256)))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"format", "domain", "version", "urls", "sha256", "catalog_sha256", "size", "bundle", "fetched"} {
		if _, ok := m[k]; !ok {
			t.Errorf("metadata lacks %q: %s", k, b)
		}
	}
	if !strings.HasSuffix(e.Bundle, ".stix.json.gz") || e.URL() != s.url(release19) {
		t.Errorf("entry %+v", e)
	}
}

// flipByte changes one byte in the middle of a file.
func flipByte(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 0x20
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
