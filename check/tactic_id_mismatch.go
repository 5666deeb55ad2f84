package check

import (
	"fmt"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/diag"
)

var tacticIDMismatch = &Check{
	Doc: Doc{
		Code:     "tactic-id-mismatch",
		Severity: diag.Error,
		Title:    "Tactic ID and tactic tag that disagree",
		Text: `Falco rules often carry a tactic twice: as mitre_<tactic> and as its ID (mitre_persistence
with TA0003). When the ID names another tactic than the mitre_ tag, and no technique of the rule
belongs to the ID's tactic, one of the two is a mistake (TA0011 is Command and Control, not
Exfiltration). Make the ID match the tag, or tag the technique that explains the second tactic.`,
	},
	Run: func(p *Pass) {
		for _, t := range idMismatched(p) {
			tac := t.Tactics[0]
			var named, ids []string
			for _, o := range p.Tags {
				if o.Ref.Form == attack.TacticWords && len(o.Tactics) > 0 {
					named = append(named, o.Value)
					ids = append(ids, o.Tactics[0].ID)
				}
			}
			msg := fmt.Sprintf("%s is %s, but the rule's tactic tag is %s, and no technique of the rule belongs to %s", t.Ref.ID, tac.Name, andList(named), tac.Name)
			p.reportTag(t, msg, "", nil, ids...)
		}
	},
}

// idMismatched returns the TA-ID tags whose tactic is neither among the
// rule's mitre_ tactic tags nor a tactic of one of its techniques, in rules
// that have mitre_ tactic tags.
func idMismatched(p *Pass) []*TagInfo {
	words := map[*attack.Tactic]bool{}
	for _, t := range p.Tags {
		if t.Ref.Form == attack.TacticWords {
			for _, tac := range t.Tactics {
				words[tac] = true
			}
		}
	}
	if len(words) == 0 {
		return nil
	}
	var out []*TagInfo
	for _, t := range p.Tags {
		if t.Ref.Form != attack.TacticID || len(t.Tactics) == 0 || words[t.Tactics[0]] {
			continue
		}
		if !techniqueIn(p, t.Tactics[0]) {
			out = append(out, t)
		}
	}
	return out
}

// techniqueIn reports whether a live technique of the rule belongs to tac.
func techniqueIn(p *Pass, tac *attack.Tactic) bool {
	for _, t := range p.liveTechniques() {
		for _, s := range t.Technique.Tactics {
			if s == tac.Shortname {
				return true
			}
		}
	}
	return false
}
