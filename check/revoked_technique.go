package check

import (
	"fmt"

	"github.com/falcomitre/falcomitre/diag"
)

var revokedTechnique = &Check{
	Doc: Doc{
		Code:     "revoked-technique",
		Severity: diag.Error,
		Title:    "Technique that ATT&CK has revoked",
		Text: `ATT&CK revokes a technique when it merges it into another or splits it up; the revoked ID
stays in the data only to point at its replacement ("revoked-by"). A rule tagged with a revoked ID
is mapped to a technique that no longer exists: coverage reports count it nowhere. Replace the tag
with the technique that replaced it; falcomitre follows chains of revocations to the live one.`,
	},
	Run: func(p *Pass) {
		for _, t := range p.Tags {
			tech := t.Technique
			if tech == nil || !tech.Revoked {
				continue
			}
			repl := p.Catalog.Replacements(tech)
			var names, ids []string
			for _, r := range repl {
				names = append(names, techName(r))
				ids = append(ids, r.ID)
			}
			msg := fmt.Sprintf("%s was revoked in ATT&CK", techName(tech))
			detail := ""
			switch len(repl) {
			case 0:
				msg += " and nothing replaces it; choose a current technique"
			case 1:
				msg += "; it is replaced by " + names[0]
				detail = "See " + repl[0].URL()
			default:
				msg += "; it is replaced by " + orList(names) + ": choose the one the rule detects"
			}
			p.reportTag(t, msg, detail, tech, ids...)
		}
	},
}
