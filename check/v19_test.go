package check_test

import (
	"path/filepath"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/rules"
)

// TestV19Like checks rules against a hand-made bundle that renames and
// splits tactics the way ATT&CK v19 did (testdata/v19/README.md): nothing
// in the code knows tactic names, so the verdicts follow the data.
func TestV19Like(t *testing.T) {
	dir := filepath.Join("testdata", "v19")
	cat, err := attack.LoadFile(filepath.Join(dir, "v19-like.stix21.json"), attack.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if cat.Domain != "enterprise-attack" || cat.Version != "19.0" {
		t.Fatalf("read as %s %s", cat.Domain, cat.Version)
	}
	set, err := rules.Load(filepath.Join(dir, "rules.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join(dir, "rules.golden"), render(check.Run(set, cat, check.Options{}), ""))
}
