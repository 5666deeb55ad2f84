package condition

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/falcomitre/falcomitre/rules"
)

// TestLargeConditions feeds conditions with thousands of list names,
// quotes, nots, macros and modifiers in each YAML style: each must be
// handled in time linear in its size (a quadratic list substitution took
// seconds here), with nesting errors and no stack overflow.
func TestLargeConditions(t *testing.T) {
	start := time.Now()
	for name, cond := range map[string]string{
		"lists":     strings.Repeat("proc.name in (shells) and ", 4000) + "a",
		"quotes":    strings.Repeat("'", 40000),
		"parens":    strings.Repeat("(", 10000),
		"nots":      strings.Repeat("not ", 40000) + "a",
		"chain":     strings.Repeat("a or ", 40000) + "a",
		"macros":    strings.Repeat("spawned and ", 10000) + "m",
		"modifiers": strings.Repeat("a.b = oneof ", 10000),
	} {
		for style := uint8(0); style < 4; style++ {
			set := rules.Resolve([]*rules.File{rules.Parse("f.yaml", []byte(fuzzRulesFile(cond, style)))})
			for _, r := range Analyze(set).Rules {
				if r.Expr != nil {
					Expand(r.Expr)
				}
			}
		}
		if d := time.Since(start); d > 20*time.Second {
			t.Fatalf("%s: %v so far", name, d)
		}
	}
}

// TestDoublingMacros: each macro uses the one before twice, so the
// expanded condition doubles at each level (Falco itself would copy
// 2^40 nodes). Analysis must stay linear, valid or failing.
func TestDoublingMacros(t *testing.T) {
	for _, bottom := range []string{"evt.type = open", "undefined_macro"} {
		var b strings.Builder
		b.WriteString(macroItem("m0", bottom))
		for i := 1; i <= 40; i++ {
			fmt.Fprintf(&b, "- macro: m%d\n  condition: m%d and not m%d\n", i, i-1, i-1)
		}
		b.WriteString(rule("R", "m40"))
		start := time.Now()
		set := rules.Resolve([]*rules.File{rules.Parse("f.yaml", []byte(b.String()))})
		res := Analyze(set)
		if r := res.Rule("R"); r.Expr != nil {
			if s := Expand(r.Expr); len(s) > ExpandLimit+1000 || !strings.Contains(s, "…") {
				t.Errorf("%s: expansion of %d bytes", bottom, len(s))
			}
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s: %v", bottom, d)
		}
	}
}
