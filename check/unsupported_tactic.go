package check

import (
	"fmt"

	"github.com/falcomitre/falcomitre/diag"
)

var unsupportedTactic = &Check{
	Doc: Doc{
		Code:     "unsupported-tactic",
		Severity: diag.Warning,
		Title:    "Tactic tag that none of the rule's techniques belongs to",
		Text: `Every technique the rule is tagged with is placed under one of the rule's tactics, but this
tactic tag is left over: none of the rule's techniques belongs to it. Either a technique for this
tactic is missing, or the tag is stale. Add the technique the tactic stands for, or remove the tag.`,
	},
	Run: func(p *Pass) {
		live := p.liveTechniques()
		tactics := p.ruleTactics()
		if len(live) == 0 || len(mismatched(p, tactics)) > 0 {
			return // tactic-mismatch speaks for a rule whose techniques are misplaced
		}
		skip := map[*TagInfo]bool{}
		for _, t := range idMismatched(p) {
			skip[t] = true
		}
		var ids []string // made for the first finding
		for _, t := range p.Tags {
			if !t.TacticRole || t.TechniqueRole || len(t.Tactics) == 0 || skip[t] {
				continue
			}
			tac := t.Tactics[0]
			if techniqueIn(p, tac) {
				continue
			}
			if ids == nil {
				for _, t := range live {
					ids = append(ids, t.Technique.ID+" "+t.Technique.Name)
				}
			}
			msg := fmt.Sprintf("%s is tagged, but none of the rule's techniques (%s) belongs to %s", t.Value, andList(ids), tac.Name)
			p.reportTag(t, msg, "", nil)
			var e edits
			e.remove(t.Tag)
			p.attach(&e, "remove "+t.Value, false)
		}
	},
}
