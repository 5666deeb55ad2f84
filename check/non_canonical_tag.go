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
			q := p.text("quoted-canonical", t.Value, func() string { return quoteAll(t.Canonical) })
			msg := p.text("non-canonical-msg", t.Value, func() string {
				return fmt.Sprintf("%q is not a canonical ATT&CK tag; write %s", t.Value, q)
			})
			p.reportTag(t, msg, "", t.Technique, t.Canonical...)
			fixNonCanonical(p, t, q)
		}
	},
}

// quoteAll quotes tags and joins them with "and".
func quoteAll(tags []string) string {
	q := make([]string, len(tags))
	for i, c := range tags {
		q[i] = fmt.Sprintf("%q", c)
	}
	return strings.Join(q, " and ")
}

// fixNonCanonical writes the canonical tags in place of t: the first one
// over it, the others beside it, leaving out those the item already has;
// when it has them all, t goes. quoted are t's canonical tags, quoted.
func fixNonCanonical(p *Pass, t *TagInfo, quoted string) {
	var missing []string
	for _, c := range t.Canonical {
		if !itemHas(t.Tag, c) {
			missing = append(missing, c)
		}
	}
	var e edits
	if len(missing) == 0 {
		e.remove(t.Tag)
		p.attach(&e, fmt.Sprintf("remove %q: the item has %s already", t.Value, quoted), false)
		return
	}
	e.replace(t.Tag, missing[0])
	for _, m := range missing[1:] {
		e.insertAfter(t.Tag, m)
	}
	var title string
	if len(missing) == len(t.Canonical) {
		title = p.text("write-canonical", t.Value, func() string { return "write " + quoted })
	} else {
		title = "write " + quoteAll(missing)
	}
	p.attach(&e, title, false)
}
