package check

import (
	"fmt"
	"strings"

	"github.com/falcomitre/falcomitre/diag"
)

var nonCanonicalTag = &Check{
	Doc: Doc{
		Code:     "non-canonical-tag",
		Severity: diag.Warning,
		Title:    "ATT&CK tag not in its canonical spelling",
		Text: `Tags are matched exactly: falco.yaml's tag selectors, falcosidekick outputs and coverage
tools see "Mitre_Execution" and "mitre_execution" as two different tags. The canonical spellings
are mitre_<tactic shortname with _> for a tactic (mitre_defense_evasion), T1234 or T1234.001 for a
technique and TA0005 for a tactic ID. falcomitre reads the tag's meaning anyway and checks it; write
it the canonical way so that every other tool does too.`,
	},
	Run: func(p *Pass) {
		for _, t := range p.Tags {
			if t.Ref.Canonical || t.Unknown || len(t.Canonical) == 0 {
				continue
			}
			if len(t.Canonical) == 1 && t.Canonical[0] == t.Value {
				continue
			}
			q := make([]string, len(t.Canonical))
			for i, c := range t.Canonical {
				q[i] = fmt.Sprintf("%q", c)
			}
			msg := fmt.Sprintf("%q is not a canonical ATT&CK tag; write %s", t.Value, strings.Join(q, " and "))
			p.reportTag(t, msg, "", t.Technique, t.Canonical...)
		}
	},
}
