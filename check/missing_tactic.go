package check

import (
	"fmt"
	"slices"

	"github.com/falcomitre/falcomitre/attack"
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
		var adds tacticAdds
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
			adds.want(p, t, tags)
		}
		adds.attach(p, nil)
	},
}

// tacticAdds plans the fixes that add a tactic tag beside a technique, for
// every finding of one rule at once: a technique with one tactic first
// (safe), then one with several (unsafe: the first in matrix order), and
// none for a technique one of whose tactics another fix already adds, so
// that the fixes of a rule never add the same tag twice.
type tacticAdds struct {
	want1, wantN []tacticAdd
}

type tacticAdd struct {
	finding int
	t       *TagInfo
	tags    []string // the technique's tactic tags, in matrix order
	// replace are the tags to write the tactic over instead of adding it
	// beside the technique (tactic-mismatch: the stale tactic tags).
	replace []*TagInfo
}

func (a *tacticAdds) want(p *Pass, t *TagInfo, tags []string) {
	x := tacticAdd{finding: len(p.findings) - 1, t: t, tags: tags}
	switch {
	case len(tags) == 1:
		a.want1 = append(a.want1, x)
	case len(tags) > 1:
		a.wantN = append(a.wantN, x)
	}
}

// attach makes the planned fixes. The first of them writes the tactic
// over the stale tags when there are any; the others add theirs.
func (a *tacticAdds) attach(p *Pass, stale []*TagInfo) {
	added := map[string]bool{}
	for _, x := range append(a.want1, a.wantN...) {
		if slices.ContainsFunc(x.tags, func(s string) bool { return added[s] }) {
			continue
		}
		choice := x.tags[0]
		added[choice] = true
		var e edits
		title := "add " + choice
		if len(stale) > 0 {
			var parts []string
			for _, s := range stale {
				text := tacticIn(p, choice, s)
				e.replace(s.Tag, text)
				parts = append(parts, s.Value+" with "+text)
			}
			title = "replace " + andList(parts)
			stale = nil
		} else {
			e.insertAfter(x.t.Tag, choice)
		}
		unsafe := len(x.tags) > 1
		if unsafe {
			title += ", " + firstOf("tactics of "+x.t.Technique.ID+" in matrix order", x.tags)
		}
		p.attachAt(x.finding, &e, title, unsafe)
	}
}

// tacticIn writes the tactic of tag choice the way old names its tactic:
// as an ID when old is a TA ID, else as a mitre_ tag.
func tacticIn(p *Pass, choice string, old *TagInfo) string {
	if old.Ref.Form != attack.TacticID {
		return choice
	}
	for _, tac := range p.Catalog.Tactics {
		if tac.Tag() == choice {
			return tac.ID
		}
	}
	return choice
}
