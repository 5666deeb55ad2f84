package dataset

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
)

// benchEntry caches the real enterprise 18.1 bundle (7.4 MB gzipped; the
// hand-made 19.0 one when ../shared is absent) and returns an offline
// client and the URL it is cached under.
func benchEntry(b *testing.B) (*Client, string) {
	b.Helper()
	name := "enterprise-attack-18.1.stix20.json.gz"
	data, err := os.ReadFile(filepath.Join(sharedDir, name))
	if err != nil {
		b.Logf("shared ATT&CK data not available (%v): using the small test bundle", err)
		name, data = "enterprise-attack-19.0.json", bundle19(b)
	}
	path := "/" + name
	s := newFakeServer(b, map[string][]byte{path: data})
	c := newTestClient(b, s)
	if _, err := c.Open(context.Background(), Spec{Source: s.url(path)}); err != nil {
		b.Fatal(err)
	}
	return offline(c), s.url(path)
}

// BenchmarkOpenCached is what a run with a cached --attack-data URL pays:
// two small JSON files, the catalog's checksum and its decoding. Budget:
// about the embedded decode, 2 ms.
func BenchmarkOpenCached(b *testing.B) {
	c, u := benchEntry(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := c.Open(ctx, Spec{Source: u}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeCached is the floor under BenchmarkOpenCached: decoding
// the cached compact catalog alone, already in memory.
func BenchmarkDecodeCached(b *testing.B) {
	c, u := benchEntry(b)
	e, err := readEntry(c.Cache.Dir, c.Cache.lookupURL(u))
	if err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile(e.CatalogPath())
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := attack.DecodeCompact(data, u); err != nil {
			b.Fatal(err)
		}
	}
}
