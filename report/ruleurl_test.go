package report

import (
	"math/rand/v2"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/coverage"
)

// TestRuleURL holds ruleURL to a strings.Replacer of the three
// placeholders on random templates.
func TestRuleURL(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	pieces := []string{"{name}", "{file}", "{line}", "{", "}", "{{name}}", "{nam", "x", "/", "?a=", "{fil", "{line"}
	rule := &coverage.Rule{Name: "Read {name} & co", File: "rules/{line}.yaml", Line: 42}
	want := strings.NewReplacer("{name}", url.QueryEscape(rule.Name), "{file}", rule.File, "{line}", strconv.Itoa(rule.Line))
	for range 2000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		tmpl := b.String()
		if tmpl == "" {
			continue
		}
		if got, w := ruleURL(tmpl, rule), want.Replace(tmpl); got != w {
			t.Fatalf("%q: got %q, want %q", tmpl, got, w)
		}
	}
}
