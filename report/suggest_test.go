package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/condition"
	"github.com/falcomitre/falcomitre/evidence"
	"github.com/falcomitre/falcomitre/report"
	"github.com/falcomitre/falcomitre/rules"
	"github.com/falcomitre/falcomitre/suggest"
)

// TestSuggestions renders what falcomitre suggest says of the shipped
// example, as text and JSON.
func TestSuggestions(t *testing.T) {
	cat, err := attack.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(".."); err != nil {
		t.Fatal(err)
	}
	set, err := rules.Load("examples/rules")
	os.Chdir("report")
	if err != nil {
		t.Fatal(err)
	}
	s := &report.Suggestions{
		ATTACK:      cat.Domain + " " + cat.Version,
		Rules:       len(set.Rules),
		Suggestions: suggest.New(cat).ForSet(set, evidence.Observations(condition.Analyze(set)), false, 3),
	}
	for _, format := range []string{"text", "json"} {
		var buf bytes.Buffer
		if err := report.WriteSuggestions(&buf, s, format); err != nil {
			t.Fatal(err)
		}
		if format == "json" && !json.Valid(buf.Bytes()) {
			t.Error("invalid JSON")
		}
		golden(t, filepath.Join("testdata", "suggest."+format+".golden"), buf.Bytes())
	}
	if err := report.WriteSuggestions(&bytes.Buffer{}, s, "xml"); err == nil {
		t.Error("format xml: no error")
	}
}
