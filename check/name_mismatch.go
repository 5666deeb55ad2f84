package check

import (
	"fmt"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/diag"
)

var nameMismatch = &Check{
	Doc: Doc{
		Code:     "name-mismatch",
		Severity: diag.Warning,
		Title:    "Tag whose words disagree with the ATT&CK name of its ID",
		Text: `Some rules spell out the name beside the ID (mitre_T1070_indicator_removal_on_host). When the
words are not the ATT&CK name of the ID, either the ID is wrong (MITRE_TA0008_defense evasion: TA0008
is Lateral Movement) or ATT&CK has renamed the technique since the tag was written (T1070 is now
"Indicator Removal"). falcomitre reads the ID; check that it is the one meant and drop the words.`,
	},
	Run: func(p *Pass) {
		for _, t := range p.Tags {
			if t.Ref.ID == "" || len(t.Ref.Words) == 0 || t.Unknown {
				continue
			}
			w := words(t.Ref)
			var idName string
			switch {
			case t.Technique != nil:
				if attack.NormalizeName(t.Technique.Name) == w {
					continue
				}
				idName = t.Technique.Name
			case len(t.Tactics) > 0:
				tac := t.Tactics[0]
				if attack.NormalizeName(tac.Name) == w || attack.NormalizeName(tac.Shortname) == w {
					continue
				}
				idName = tac.Name
			default:
				continue
			}
			msg := fmt.Sprintf("%q says %q, but %s is %q in %s", t.Value, w, t.Ref.ID, idName, p.dataset())
			var sugg []string
			if tac := p.names.tactic(t.Ref.Words); tac != nil && t.Ref.Form == attack.TacticID {
				msg += fmt.Sprintf("; %s is %s", tac.Name, tac.ID)
				sugg = append(sugg, tac.ID)
			} else if tech := p.names.technique(t.Ref.Words); tech != nil && tech.ID != t.Ref.ID {
				msg += fmt.Sprintf("; %q is %s", tech.Name, tech.ID)
				sugg = append(sugg, tech.ID)
			}
			p.reportTag(t, msg, "", t.Technique, sugg...)
		}
	},
}
