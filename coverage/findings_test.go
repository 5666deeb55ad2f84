package coverage

import (
	"reflect"
	"testing"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/diag"
)

// TestAttachFindings: each rule gets the report's findings of its name
// in report order, whether they come in a row or scattered, and rules
// sharing a name get the same.
func TestAttachFindings(t *testing.T) {
	names := []string{"a", "b", "a", "c", "c", "b", "d", "a", "x", "e", "e"}
	var rep check.Report
	for i, n := range names {
		rep.Findings = append(rep.Findings, check.Finding{Rule: n, Diagnostic: diag.Diagnostic{Message: string(rune('0' + i))}})
	}
	rules := []*Rule{{Name: "a"}, {Name: "b"}, {Name: "c"}, {Name: "d"}, {Name: "e"}, {Name: "f"}, {Name: "c"}}
	attachFindings(rules, &rep)
	for _, r := range rules {
		var want []check.Finding
		for _, f := range rep.Findings {
			if f.Rule == r.Name {
				want = append(want, f)
			}
		}
		if !reflect.DeepEqual(r.Findings, want) {
			t.Errorf("rule %s: %v, want %v", r.Name, r.Findings, want)
		}
		// Appending to a rule's findings must not write over the report's.
		if len(r.Findings) > 0 && len(r.Findings) != cap(r.Findings) {
			t.Errorf("rule %s: findings not capped", r.Name)
		}
	}
	attachFindings(rules, nil)
}
