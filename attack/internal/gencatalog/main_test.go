package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
)

// TestCommittedArtefacts: the embedded JSON and the Go source beside it
// are exactly what the generator makes of the shared 18.1 bundle.
func TestCommittedArtefacts(t *testing.T) {
	bundle := filepath.Join("..", "..", "..", "..", "shared", "attack", "enterprise-attack-18.1.stix20.json.gz")
	if _, err := os.Stat(bundle); err != nil {
		t.Skipf("shared ATT&CK data not available (%v)", err)
	}
	c, err := attack.LoadFile(bundle, attack.Options{})
	if err != nil {
		t.Fatal(err)
	}
	js, err := c.MarshalCompact()
	if err != nil {
		t.Fatal(err)
	}
	src, err := goSource(c)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []struct {
		path string
		want []byte
	}{
		{filepath.Join("..", "..", "data", "enterprise-attack-18.1.json"), js},
		{filepath.Join("..", "..", "embedded_enterprise_attack_18_1.go"), src},
	} {
		got, err := os.ReadFile(a.path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, a.want) {
			t.Errorf("%s is stale: run go generate ./attack", a.path)
		}
	}
}

func TestGoName(t *testing.T) {
	for in, want := range map[[2]string]string{
		{"enterprise-attack", "18.1"}: "enterpriseAttack18_1",
		{"ics-attack", "13.1"}:        "icsAttack13_1",
	} {
		if got := goName(in[0], in[1]); got != want {
			t.Errorf("goName(%q, %q) = %q, want %q", in[0], in[1], got, want)
		}
	}
}
