package check

import (
	"fmt"
	"strings"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/diag"
)

var unknownTechnique = &Check{
	Doc: Doc{
		Code:     "unknown-technique",
		Severity: diag.Error,
		Title:    "Technique ID that ATT&CK does not have",
		Text: `A tag shaped like an ATT&CK technique ID (T1234 or T1234.001) names no technique in the
ATT&CK data in use. It is usually a typo, a sub-technique number that does not exist, or an ID
from a newer ATT&CK release than the one checked against. Tools that read the tag (dashboards,
Navigator layers) drop it or fail. Look the technique up on attack.mitre.org and write its ID.`,
	},
	Run: func(p *Pass) {
		for _, t := range p.Tags {
			if !t.TechniqueRole || !t.Unknown || t.Ref.ID == "" {
				continue
			}
			id := t.Ref.ID
			msg := fmt.Sprintf("%s is not a technique in %s", id, p.dataset())
			var sugg []string
			var facts *attack.Technique
			if parent, sub, ok := strings.Cut(id, "."); ok {
				if pt := p.Catalog.Technique(parent); pt != nil {
					msg = fmt.Sprintf("%s (%s) has no sub-technique .%s in %s", parent, pt.Name, sub, p.dataset())
					sugg = append(sugg, parent)
					facts = pt // the nearest thing ATT&CK has
				}
			}
			p.reportTag(t, msg, "", facts, sugg...)
		}
	},
}
