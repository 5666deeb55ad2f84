package report_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/report"
)

// TestExplain renders explanations of every kind of query into one golden
// file: IDs, a revoked ID, tactic spellings, non-canonical tags, a code.
func TestExplain(t *testing.T) {
	cat, err := attack.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	explainGolden(t, cat, filepath.Join("testdata", "explain.golden"), "T1611", "T1059.004", "T1086", "T1064", "TA0004", "mitre_privilege_escalation",
		"MITRE_TA0005_defense_evasion", "mitre account manipulation", "Mitre_discovery_system_service_discovery", "tactic-mismatch")
	for _, q := range []string{"T9999", "mitre_nonsense", "container"} {
		if _, err := check.Explain(cat, q); err == nil {
			t.Errorf("%s: no error", q)
		}
	}
}

// TestExplainV19Like explains against the hand-made v19-shaped bundle:
// a revoked technique keeps its retired tactic, and a retired tactic tag
// is explained from the newest older embedded release.
func TestExplainV19Like(t *testing.T) {
	cat, err := attack.LoadFile(filepath.Join("..", "check", "testdata", "v19", "v19-like.stix21.json"), attack.Options{})
	if err != nil {
		t.Fatal(err)
	}
	explainGolden(t, cat, filepath.Join("testdata", "explain-v19.golden"),
		"T1562.001", "T1685", "mitre_defense_evasion", "TA0005", "TA0112", "MITRE_TA0005_defense_evasion")
}

// explainGolden renders the explanations of queries, text and JSON, into
// one golden file.
func explainGolden(t *testing.T, cat *attack.Catalog, path string, queries ...string) {
	t.Helper()
	var buf bytes.Buffer
	for _, q := range queries {
		e, err := check.Explain(cat, q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		fmt.Fprintf(&buf, "$ falcomitre explain %q\n", q)
		if err := report.WriteExplanation(&buf, e, "text"); err != nil {
			t.Fatal(err)
		}
		var js bytes.Buffer
		if err := report.WriteExplanation(&js, e, "json"); err != nil || !json.Valid(js.Bytes()) {
			t.Fatalf("%s: JSON: %v", q, err)
		}
		buf.WriteByte('\n')
	}
	golden(t, path, buf.Bytes())
}
