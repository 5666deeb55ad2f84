package coverage_test

import (
	"cmp"
	"slices"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/coverage"
	"github.com/falcomitre/falcomitre/internal/rulegen"
)

// TestOrderAtScale: with rules read on several cores and placed in name
// order, the uncounted tags stay in rule order and every list of rules
// is by name, each rule once.
func TestOrderAtScale(t *testing.T) {
	set := rulegen.Set(t, 3000)
	cat := catalog(t)
	m, err := coverage.Build(set, cat, coverage.Options{Report: check.Run(set, cat, check.Options{})})
	if err != nil {
		t.Fatal(err)
	}
	at := map[*coverage.Rule]int{}
	for i, r := range m.Rules {
		if r.Name != set.Rules[i].Name {
			t.Fatalf("rule %d is %q, want %q", i, r.Name, set.Rules[i].Name)
		}
		at[r] = i
	}
	if len(m.Uncounted) == 0 || !slices.IsSortedFunc(m.Uncounted, func(a, b coverage.Uncounted) int { return at[a.Rule] - at[b.Rule] }) {
		t.Errorf("%d uncounted tags, not in rule order", len(m.Uncounted))
	}
	byName := func(a, b *coverage.Rule) int {
		return cmp.Or(coverage.CompareLower(a.Name, b.Name), strings.Compare(a.Name, b.Name))
	}
	onceByName := func(what string, rs []*coverage.Rule) {
		t.Helper()
		if !slices.IsSortedFunc(rs, byName) || len(slices.CompactFunc(slices.Clone(rs), func(a, b *coverage.Rule) bool { return a == b })) != len(rs) {
			t.Errorf("%s: %d rules, not each once by name", what, len(rs))
		}
	}
	placed := 0
	for _, col := range m.Columns {
		onceByName(col.Tactic.Shortname, col.Rules)
		onceByName(col.Tactic.Shortname+" tactic only", col.TacticOnly)
		for _, c := range col.Cells {
			placed += len(c.Rules)
			onceByName(c.Technique.ID, c.Rules)
			onceByName(c.Technique.ID+" direct", c.Direct)
			for _, s := range c.Subs {
				onceByName(s.Technique.ID, s.Rules)
			}
		}
	}
	if placed == 0 {
		t.Error("no rule placed")
	}
}
