package check

import (
	"fmt"

	"github.com/falcomitre/falcomitre/diag"
)

var missingTactic = &Check{
	Doc: Doc{
		Code:     "missing-tactic",
		Severity: diag.Error,
		Title:    "Technique tags without any tactic tag",
		Text: `Falco rules tag the tactic (why the attacker acts: mitre_persistence) beside the
technique (how: T1543). A rule with technique tags and no tactic tag cannot be placed in a matrix
column, and tag selectors such as "mitre_persistence" in falco.yaml miss it. Add the tag of the
technique's tactic; when the technique has several, the one the rule's behaviour serves.`,
	},
	Run: func(p *Pass) {
		if p.hasTacticTag() {
			return
		}
		for _, t := range p.Tags {
			if !t.TechniqueRole {
				continue
			}
			tech := t.liveTechnique()
			if tech == nil {
				if t.Unknown {
					p.reportTag(t, fmt.Sprintf("%q is a technique tag but the rule has no tactic tag", t.Value), "", nil)
				}
				continue // a revoked technique's tactics are its replacement's
			}
			tags := tacticTags(p.tacticsOf(tech))
			msg := fmt.Sprintf("%s is tagged without a tactic; add %s", techName(tech), orList(tags))
			p.reportTag(t, msg, "", tech, tags...)
		}
	},
}
