package check

import (
	"fmt"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/diag"
)

var incompleteTactics = &Check{
	Doc: Doc{
		Code:     "incomplete-tactics",
		Severity: diag.Note,
		Title:    "Technique with some of its tactics untagged",
		Text: `Some techniques serve several tactics (T1053.003 Cron is Execution, Persistence and
Privilege Escalation). The falcosecurity convention tags only the tactic the rule detects, so this is
a note for teams whose policy is to tag every tactic of every technique, for example to make a
Navigator layer show the rule in every column the technique appears in.`,
	},
	Run: func(p *Pass) {
		tactics := p.ruleTactics()
		for _, t := range p.liveTechniques() {
			if t.Technique.Deprecated {
				continue // deprecated-technique asks for another technique
			}
			own := p.tacticsOf(t.Technique)
			var have, miss []*attack.Tactic
			for _, tac := range own {
				if tactics[tac] {
					have = append(have, tac)
				} else {
					miss = append(miss, tac)
				}
			}
			if len(have) == 0 || len(miss) == 0 {
				continue
			}
			tags := tacticTags(miss)
			msg := fmt.Sprintf("%s also belongs to %s, which the rule does not tag", techName(t.Technique), tacticNames(miss))
			p.reportTag(t, msg, "", t.Technique, tags...)
		}
	},
}
