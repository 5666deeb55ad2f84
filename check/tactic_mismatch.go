package check

import (
	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/diag"
)

var tacticMismatch = &Check{
	Doc: Doc{
		Code:     "tactic-mismatch",
		Severity: diag.Error,
		Title:    "Technique tagged under a tactic it does not belong to",
		Text: `In ATT&CK every technique belongs to one or more tactics. The rule's tactic tags name none
of the tactics of this technique, so the rule lands in the wrong matrix column and tactic selectors
pick it for the wrong reason. Either the technique or the tactic is wrong: tag a tactic of the
technique (falcomitre lists them), or choose the technique that matches the tactic.`,
	},
	Run: func(p *Pass) {
		tactics := p.ruleTactics()
		if len(tactics) == 0 {
			return // missing-tactic or unknown-tactic says it
		}
		found := mismatched(p, tactics)
		if len(found) == 0 {
			return
		}
		var tagged []string
		for _, tac := range p.Catalog.Tactics {
			if tactics[tac] {
				tagged = append(tagged, p.names.tacticTag(tac))
			}
		}
		var adds tacticAdds
		for _, t := range found {
			tech := t.Technique
			own := p.tacticsOf(tech)
			msg := p.text("belongs-to", tech.ID, func() string {
				return techName(tech) + " belongs to " + p.tacticNames(own)
			}) + ", but the rule is tagged " + andList(tagged)
			p.reportTag(t, msg, "", tech, p.tacticTags(own)...)
			adds.want(p, t, p.tacticTags(own))
		}
		adds.attach(p, staleTactics(p))
	},
}

// staleTactics returns the rule's tactic tags that none of its techniques
// belongs to: the wrong tactics a tactic-mismatch fix writes over.
func staleTactics(p *Pass) []*TagInfo {
	var out []*TagInfo
	for _, t := range p.Tags {
		if t.TacticRole && !t.TechniqueRole && len(t.Tactics) > 0 && !techniqueIn(p, t.Tactics[0]) {
			out = append(out, t)
		}
	}
	return out
}

// mismatched returns the live technique tags none of whose tactics the rule
// tags.
func mismatched(p *Pass, tactics map[*attack.Tactic]bool) []*TagInfo {
	var out []*TagInfo
	for _, t := range p.liveTechniques() {
		own := p.tacticsOf(t.Technique)
		if len(own) == 0 {
			continue
		}
		hit := false
		for _, tac := range own {
			hit = hit || tactics[tac]
		}
		if !hit {
			out = append(out, t)
		}
	}
	return out
}

// tacticNames formats tactics as "Privilege Escalation (mitre_privilege_escalation)".
func (p *Pass) tacticNames(ts []*attack.Tactic) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = t.Name + " (" + p.names.tacticTag(t) + ")"
	}
	return andList(s)
}
