package check

import (
	"fmt"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/diag"
)

var missingTechnique = &Check{
	Doc: Doc{
		Code:     "missing-technique",
		Severity: diag.Note,
		Title:    "Tactic tags without a technique",
		Text: `A tactic says why an attacker acts; the technique says what the rule actually detects, and
is what coverage matrices and Navigator layers count. The falcosecurity convention adds the best
technique beside the tactic, or the tactic's ID (TA0003) when no technique fits.`,
	},
	Run: func(p *Pass) {
		var tactics []*attack.Tactic
		for _, t := range p.Tags {
			if t.TechniqueRole || t.Ref.Form == attack.TacticID {
				return
			}
			tactics = append(tactics, t.Tactics...)
		}
		if len(tactics) == 0 {
			return
		}
		var tags, ids []string
		for _, tac := range tactics {
			tags = append(tags, p.names.tacticTag(tac))
			ids = append(ids, tac.ID)
		}
		r, tag := p.Rule.Def.Range, ""
		if k := p.Rule.TagsKey; k != nil {
			r = k.Range
		}
		msg := fmt.Sprintf("the rule is tagged %s but with no technique; add the technique it detects, or %s when none fits", andList(tags), orList(ids))
		p.report(r, tag, msg, "", nil, ids...)
	},
}
