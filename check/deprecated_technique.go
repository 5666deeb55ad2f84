package check

import (
	"fmt"

	"github.com/falcomitre/falcomitre/diag"
)

var deprecatedTechnique = &Check{
	Doc: Doc{
		Code:     "deprecated-technique",
		Severity: diag.Warning,
		Title:    "Technique that ATT&CK has deprecated",
		Text: `ATT&CK deprecates a technique it no longer maintains, without naming a replacement. The
ID still resolves, but the technique has left the matrix, so Navigator layers and coverage reports
no longer show the rule under it. Read the technique's page for why it was deprecated and tag the
current technique that describes what the rule detects.`,
	},
	Run: func(p *Pass) {
		for _, t := range p.Tags {
			tech := t.Technique
			if tech == nil || tech.Revoked || !tech.Deprecated {
				continue
			}
			msg := fmt.Sprintf("%s is deprecated in %s; tag a current technique instead", techName(tech), p.dataset())
			p.reportTag(t, msg, "See "+tech.URL(), tech)
		}
	},
}
