package condition

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// analyzeWithin is analyzeYAML with a deadline, so that a blow-up fails
// the test instead of stalling the suite.
func analyzeWithin(t *testing.T, srcs ...string) *Result {
	t.Helper()
	done := make(chan *Result, 1)
	go func() { done <- analyzeYAML(t, srcs...) }()
	select {
	case r := <-done:
		return r
	case <-time.After(10 * time.Second):
		t.Fatal("analysis took over 10s")
		return nil
	}
}

// TestHostileConditions: conditions built to exhaust a recursive parser
// or an expander get Falco's errors, or load, quickly.
func TestHostileConditions(t *testing.T) {
	var doubling strings.Builder // each macro uses the previous twice: 2^200 leaves expanded
	doubling.WriteString(macroItem("m0", "evt.type = open"))
	for i := 1; i <= 200; i++ {
		doubling.WriteString(macroItem(fmt.Sprintf("m%d", i), fmt.Sprintf("m%d or m%d", i-1, i-1)))
	}
	var chain strings.Builder // a thousand macros, each using the one before
	chain.WriteString(macroItem("c0", "evt.type = open"))
	for i := 1; i < 1000; i++ {
		chain.WriteString(macroItem(fmt.Sprintf("c%d", i), fmt.Sprintf("c%d and proc.name = p%d", i-1, i)))
	}
	var lists strings.Builder // a thousand lists, each naming the one before: one level is expanded
	lists.WriteString(listItem("l0", "a"))
	for i := 1; i < 1000; i++ {
		lists.WriteString(listItem(fmt.Sprintf("l%d", i), fmt.Sprintf("l%d", i-1), fmt.Sprintf("x%d", i)))
	}
	for _, c := range []struct {
		name string
		src  string
		errs string // "" when R must analyse cleanly
		exp  string // a prefix of R's expansion when it does
	}{
		{"1000 nested parentheses", rule("R", strings.Repeat("(", 1000)+"evt.type = open"+strings.Repeat(")", 1000)),
			"1.yaml:3:214: rule \"R\": exceeded max depth limit of 1000", ""},
		{"198 nested parentheses", rule("R", strings.Repeat("(", 198)+"evt.type = open"+strings.Repeat(")", 198)), "", "evt.type = open"},
		// libsinsp reads a run of nots in a loop, not by recursion; paired nots cancel.
		{"100000 nots", rule("R", strings.Repeat("not ", 100000)+"evt.type = open"), "", "evt.type = open"},
		{"a long flat condition", rule("R", "evt.type = open"+strings.Repeat(" and proc.name = x", 20000)), "", "evt.type = open and proc.name = x"},
		{"macro loop", macroItem("a", "evt.type = open") + macroItem("b", "a") + "- macro: a\n  condition: or b\n  append: true\n" + rule("R", "a"),
			"1.yaml:6:17: macro \"a\": reference loop in macro 'b'", ""},
		{"macro self reference", macroItem("a", "evt.type = open") + "- macro: a\n  condition: or a\n  append: true\n" + rule("R", "a"),
			"1.yaml:4:17: macro \"a\": reference loop in macro 'a'", ""},
		{"macro used before it is defined", macroItem("a", "a") + rule("R", "evt.type = open"),
			"1.yaml:2:14: macro \"a\": undefined macro 'a' used in filter", ""},
		{"list self reference", listItem("l", "l", "x") + rule("R", "evt.type = open and proc.name in (l)"), "", "evt.type = open and proc.name in (l, x)"},
		{"doubling macros", doubling.String() + rule("R", "m200"), "", "("},
		{"a thousand chained macros", chain.String() + rule("R", "c999"), "", "("},
		{"a thousand chained lists", lists.String() + rule("R", "evt.type = open and proc.name in (l999)"), "", "evt.type = open and proc.name in (l997, x998, x999)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := analyzeWithin(t, c.src)
			got := errs(res)
			if c.errs != "" {
				if !strings.HasPrefix(got, c.errs) {
					t.Errorf("errors:\n%s\nwant first:\n%s", got, c.errs)
				}
				return
			}
			if got != "" {
				t.Fatalf("errors:\n%s", got)
			}
			rr := res.Rule("R")
			if exp := Expand(rr.Expr); !strings.HasPrefix(exp, c.exp) {
				t.Errorf("expansion %.80q…, want it to start %q", exp, c.exp)
			}
		})
	}
}
