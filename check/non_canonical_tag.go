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
			fixNonCanonical(p, t, q)
		}
	},
}

// fixNonCanonical writes the canonical tags in place of t: the first one
// over it, the others beside it, leaving out those the item already has;
// when it has them all, t goes.
func fixNonCanonical(p *Pass, t *TagInfo, quoted []string) {
	var missing []string
	for _, c := range t.Canonical {
		if !itemHas(t.Tag, c) {
			missing = append(missing, c)
		}
	}
	var e edits
	if len(missing) == 0 {
		e.remove(t.Tag)
		p.attach(&e, fmt.Sprintf("remove %q: the item has %s already", t.Value, strings.Join(quoted, " and ")), false)
		return
	}
	e.replace(t.Tag, missing[0])
	for _, m := range missing[1:] {
		e.insertAfter(t.Tag, m)
	}
	q := make([]string, len(missing))
	for i, m := range missing {
		q[i] = fmt.Sprintf("%q", m)
	}
	p.attach(&e, "write "+strings.Join(q, " and "), false)
}
