package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestCommitted: keywords_data.go is exactly what the generator makes of
// the shared 18.1 bundle.
func TestCommitted(t *testing.T) {
	bundle := filepath.Join("..", "..", "..", "..", "shared", "attack", "enterprise-attack-18.1.stix20.json.gz")
	if _, err := os.Stat(bundle); err != nil {
		t.Skipf("shared ATT&CK data not available (%v)", err)
	}
	want, err := Generate(bundle)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join("..", "..", "keywords_data.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("keywords_data.go is stale: run go generate ./suggest")
	}
}
