package diff

import (
	"slices"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/rules"
)

// tagUse is one ATT&CK tag of one rule, read against both catalogs.
type tagUse struct {
	rule     *rules.Rule
	tag      rules.Tag
	ref      attack.TagRef
	from, to reading
	// live are the live techniques of To that the tag's technique stands
	// for: itself, or what replaces it.
	live []*attack.Technique
	// tacticStale and techStale say which part of the tag no longer means
	// in To what it meant in From.
	tacticStale, techStale bool
	// successors are, for a stale tactic part, the tactics of To that the
	// rule's techniques now belong to.
	successors []*attack.Tactic
	replace    []string
}

func (u *tagUse) stale() bool { return u.tacticStale || u.techStale }

// techID is the technique ID the tag names in either catalog, "" if none.
func (u *tagUse) techID() string {
	switch {
	case u.from.tech != nil:
		return u.from.tech.ID
	case u.to.tech != nil:
		return u.to.tech.ID
	case u.ref.Form == attack.TechniqueID:
		return u.ref.ID
	}
	return ""
}

// use is the tag as a report shows it.
func (u *tagUse) use() Use {
	r := u.tag.Range
	return Use{
		Rule: u.rule.Name, Tag: u.tag.Value,
		File: r.File, Line: r.Start.Line, Column: r.Start.Column,
		Stale: u.stale(), ReplaceWith: u.replace,
	}
}

// collect reads every ATT&CK tag of every rule in both catalogs. Tags that
// name nothing in either are left to falcomitre check.
func (d *differ) collect(set *rules.Set) {
	fromNames, toNames := newNames(d.from), newNames(d.to)
	for _, rule := range set.Rules {
		var mine []*tagUse
		for _, tag := range rule.Tags {
			ref := attack.ParseTag(tag.Value)
			if ref.Form == attack.NotATTACK {
				continue
			}
			u := &tagUse{rule: rule, tag: *tag, ref: ref,
				from: read(d.from, fromNames, ref), to: read(d.to, toNames, ref)}
			if u.from == (reading{}) && u.to == (reading{}) {
				continue
			}
			if id := u.techID(); id != "" {
				u.live = liveIn(d.to, id)
			}
			u.techStale = techStale(u.from.tech, u.to.tech)
			u.tacticStale = tacticStale(u.ref, u.from.tactic, u.to.tactic)
			mine = append(mine, u)
		}
		for _, u := range mine {
			if u.tacticStale {
				u.successors = d.ruleSuccessors(u.from.tactic, mine)
			}
			if u.stale() {
				u.replace = u.replacement()
			}
		}
		d.uses = append(d.uses, mine...)
	}
}

// liveIn returns the live techniques of c that id stands for: itself, or
// what replaces it when revoked; nil for a deprecated or unknown ID.
func liveIn(c *attack.Catalog, id string) []*attack.Technique {
	t := c.Technique(id)
	switch {
	case t == nil:
		return nil
	case t.Revoked:
		return c.Replacements(t)
	case t.Deprecated:
		return nil
	}
	return []*attack.Technique{t}
}

// techStale: a technique tag that named a technique in From (revoked ones
// were stale already) names another, a revoked or a new-deprecated one, or
// nothing, in To.
func techStale(from, to *attack.Technique) bool {
	if from == nil || from.Revoked {
		return false
	}
	return to == nil || to.ID != from.ID || to.Revoked || to.Deprecated && !from.Deprecated
}

// tacticStale: a tactic tag that named a tactic in From names another, a
// newly deprecated one, or nothing in To; a vendor spelling
// (MITRE_TA0005_defense_evasion) is stale once its words stop fitting.
func tacticStale(ref attack.TagRef, from, to *attack.Tactic) bool {
	if from == nil {
		return false
	}
	if to == nil || to.ID != from.ID || to.Deprecated && !from.Deprecated {
		return true
	}
	return ref.Form == attack.TacticID && wordsFit(ref.Words, from) && !wordsFit(ref.Words, to)
}

// ruleSuccessors works out, for a rule's stale tag of tactic f, the tactics
// of To its techniques now belong to: those of the rule's techniques that
// were under f, or, failing them, f's own ID if it lives on.
func (d *differ) ruleSuccessors(f *attack.Tactic, mine []*tagUse) []*attack.Tactic {
	var out []*attack.Tactic
	for _, v := range mine {
		ft := v.from.tech
		if ft != nil && !slices.Contains(ft.Tactics, f.Shortname) {
			continue
		}
		for _, x := range v.live {
			out = appendTactics(out, d.newTactics(f, ft, x, true))
		}
	}
	if len(out) == 0 {
		if t := d.to.TacticByID(f.ID); t != nil && !t.Deprecated {
			out = append(out, t)
		}
	}
	sortTactics(out)
	return out
}

// replacement is what to write instead of a stale tag, part by part: a
// tactic part becomes its successors, a technique part what replaces it.
// A bare TA ID is answered with IDs, anything else with canonical tags.
func (u *tagUse) replacement() []string {
	var out []string
	bareID := u.ref.Form == attack.TacticID && !u.ref.Prefixed
	tactic := func(t *attack.Tactic) string {
		if bareID {
			return t.ID
		}
		return t.Tag()
	}
	switch {
	case u.tacticStale:
		for _, t := range u.successors {
			out = append(out, tactic(t))
		}
	case u.to.tactic != nil:
		out = append(out, tactic(u.to.tactic))
	}
	switch {
	case u.techStale:
		for _, t := range u.live {
			out = append(out, t.ID)
		}
	case u.to.tech != nil:
		out = append(out, u.to.tech.ID)
	}
	return out
}
