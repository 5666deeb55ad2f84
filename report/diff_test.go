package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/diff"
	"github.com/falcomitre/falcomitre/report"
	"github.com/falcomitre/falcomitre/rules"
)

// v19Diff is the diff every diff writer renders: the v19 test rules from
// the embedded 18.1 to the hand-made v19-shaped bundle, with the paths it
// has when run from the repository root.
func v19Diff(t *testing.T, withRules bool) *diff.Report {
	t.Helper()
	from, err := attack.LoadEmbedded("enterprise", "18.1")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(".."); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir("report")
	to, err := attack.LoadFile(filepath.Join("check", "testdata", "v19", "v19-like.stix21.json"), attack.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var set *rules.Set
	if withRules {
		if set, err = rules.Load(filepath.Join("check", "testdata", "v19", "rules.yaml")); err != nil {
			t.Fatal(err)
		}
	}
	d, err := diff.Compare(from, to, set)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestDiffText(t *testing.T) {
	var buf bytes.Buffer
	if err := report.WriteDiff(&buf, v19Diff(t, true), "text"); err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("testdata", "diff-v19.text.golden"), buf.Bytes())
}

func TestDiffJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := report.WriteDiff(&buf, v19Diff(t, true), "json"); err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("testdata", "diff-v19.json.golden"), buf.Bytes())
	var back diff.Report
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Changes) != 4 || back.Summary.StaleTags != 5 || back.Changes[0].Rules[0].Line != 6 {
		t.Errorf("decoded %+v", back.Summary)
	}
}

// TestDiffRelease: the whole-release text has no rule lines and a summary
// that counts IDs, not rules.
func TestDiffRelease(t *testing.T) {
	var buf bytes.Buffer
	if err := report.WriteDiff(&buf, v19Diff(t, false), "text"); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"every technique and tactic of 18.1\n", "\nTA0005 Defense Evasion\n  tactic-renamed: ",
		"\nT1562.001 Disable or Modify Tools\n  technique-revoked: ", " IDs unchanged\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Contains(out, "(rule ") {
		t.Error("a whole-release diff lists rules")
	}
}

// TestDiffClean: an upgrade that changes nothing the rules use says so.
func TestDiffClean(t *testing.T) {
	cat, err := attack.LoadEmbedded("enterprise", "18.1")
	if err != nil {
		t.Fatal(err)
	}
	set, err := rules.Load(filepath.Join("..", "examples", "rules"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := diff.Compare(cat, cat, set)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.WriteDiff(&buf, d, "text"); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(buf.String(), "\nenterprise-attack 18.1 → 18.1: no changes to the 17 IDs the rules use\n") {
		t.Errorf("output:\n%s", buf.String())
	}
	buf.Reset()
	if err := report.WriteDiff(&buf, d, "json"); err != nil || !strings.Contains(buf.String(), `"changes": []`) {
		t.Errorf("JSON (%v):\n%s", err, buf.String())
	}
	if err := report.WriteDiff(&buf, d, "xml"); err == nil {
		t.Error("format xml: no error")
	}
}
