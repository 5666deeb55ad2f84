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
			tags := p.tacticTags(p.tacticsOf(tech))
			msg := p.text("without-tactic", tech.ID, func() string {
				return fmt.Sprintf("%s is tagged without a tactic; add %s", techName(tech), orList(tags))
			})
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
// over the stale tags when there are any; the others add theirs. Under
// TacticsAll a technique's tactics are all wanted, so each fix adds every
// one not yet added, with no choice made.
func (a *tacticAdds) attach(p *Pass, stale []*TagInfo) {
	added := map[string]bool{}
	for _, x := range append(a.want1, a.wantN...) {
		if p.allTactics() {
			stale = a.attachAll(p, x, stale, added)
			continue
		}
		if slices.ContainsFunc(x.tags, func(s string) bool { return added[s] }) {
			continue
		}
		choice := x.tags[0]
		added[choice] = true
		var e edits
		var title string
		if len(stale) > 0 {
			title = "replace " + replaceStale(p, &e, stale, choice)
			stale = nil
		} else {
			title = "add " + choice
			e.insertAfter(x.t.Tag, choice)
		}
		unsafe := len(x.tags) > 1
		if unsafe {
			title += ", " + firstOf("tactics of "+x.t.Technique.ID+" in matrix order", x.tags)
		}
		p.attachAt(x.finding, &e, title, unsafe)
	}
}

// attachAll makes x's fix under TacticsAll: the tactics of x not added by
// an earlier fix, in matrix order, written over the stale tags (the first
// over each, the others after the first stale tag, as an author replacing
// a wrong tactic writes the right ones in its place) or else added after
// the technique. It returns the stale tags still to replace.
func (a *tacticAdds) attachAll(p *Pass, x tacticAdd, stale []*TagInfo, added map[string]bool) []*TagInfo {
	var tags []string
	for _, t := range x.tags {
		if !added[t] {
			tags = append(tags, t)
			added[t] = true
		}
	}
	if len(tags) == 0 {
		return stale
	}
	var e edits
	var title string
	if len(stale) > 0 {
		title = "replace " + replaceStale(p, &e, stale, tags[0])
		if rest := tags[1:]; len(rest) > 0 {
			for i, t := range rest {
				rest[i] = tacticIn(p, t, stale[0])
			}
			e.insertAfter(stale[0].Tag, rest...)
			title += "; add " + andList(rest)
		}
		stale = nil
	} else {
		e.insertAfter(x.t.Tag, tags...)
		title = "add " + andList(tags)
	}
	p.attachAt(x.finding, &e, title, false)
	return stale
}

// replaceStale adds to e the edits that write the tactic of tag choice
// over every stale tag, and returns what they do for the fix's title.
func replaceStale(p *Pass, e *edits, stale []*TagInfo, choice string) string {
	var parts []string
	for _, s := range stale {
		text := tacticIn(p, choice, s)
		e.replace(s.Tag, text)
		parts = append(parts, s.Value+" with "+text)
	}
	return andList(parts)
}

// tacticIn writes the tactic of tag choice the way old names its tactic:
// as an ID when old is a TA ID, else as a mitre_ tag.
func tacticIn(p *Pass, choice string, old *TagInfo) string {
	if old.Ref.Form != attack.TacticID {
		return choice
	}
	for _, tac := range p.Catalog.Tactics {
		if p.names.tacticTag(tac) == choice {
			return tac.ID
		}
	}
	return choice
}
