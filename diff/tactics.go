package diff

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/falcomitre/falcomitre/attack"
)

// tacticChange compares tactic f of From with the tactic of the same ID in
// To. A tactic deprecated in From was out of use already.
func (d *differ) tacticChange(f *attack.Tactic) *Change {
	if f.Deprecated {
		return nil
	}
	t := d.to.TacticByID(f.ID)
	c := &Change{ID: f.ID, Name: f.Name, URL: f.URL(), Before: tacticState(f)}
	if t != nil {
		c.After = tacticState(t)
	}
	switch {
	case t == nil || t.Deprecated:
		c.Kind = TacticRetired
	case t.Name != f.Name || t.Shortname != f.Shortname:
		c.Kind = TacticRenamed
	default:
		return nil
	}
	tagLives := t != nil && !t.Deprecated && t.Shortname == f.Shortname
	if !tagLives {
		c.Successors = tacticRefs(d.successors(f))
	}
	c.Rules = d.usesOf(func(u *tagUse) bool {
		if u.from.tactic != nil {
			return u.from.tactic == f
		}
		// Tags already written for To (mitre_stealth) belong here too.
		return u.to.tactic != nil && u.to.tactic.ID == f.ID
	})
	c.Message = d.tacticMessage(c, f, t)
	return c
}

// tacticMessage says what became of f (t is the same ID in To, or nil)
// and which tags to write instead.
func (d *differ) tacticMessage(c *Change, f, t *attack.Tactic) string {
	v := release(d.to)
	old := f.Tag()
	var msg string
	switch {
	case c.Kind == TacticRenamed && t.Shortname == f.Shortname:
		return fmt.Sprintf("%s (%s) is named %s in %s; the tag %s stays valid", f.ID, f.Name, t.Name, v, old)
	case c.Kind == TacticRenamed:
		msg = fmt.Sprintf("%s (%s) is now %s in %s, tag %s", f.ID, f.Name, t.Name, v, t.Tag())
	case t == nil:
		msg = fmt.Sprintf("%s (%s) is gone from %s", f.ID, f.Name, v)
	default:
		msg = fmt.Sprintf("%s (%s) is deprecated in %s", f.ID, f.Name, v)
	}
	if s := d.to.TacticByShortname(f.Shortname); s != nil && s.ID != f.ID && !s.Deprecated {
		return msg + fmt.Sprintf("; its tag %s now names %s (%s)", old, s.ID, s.Name)
	}
	msg += fmt.Sprintf(": %s is no longer a tactic tag", old)
	whose := "its techniques belong"
	if d.rules {
		whose = "the rules' techniques belong"
	}
	if tags := refTags(c.Successors); len(tags) > 0 {
		msg += fmt.Sprintf("; %s to %s", whose, andList(tags))
	}
	return msg
}

// tacticAdded reports a tactic of To whose ID From lacks (or had
// deprecated): always for a whole release, and for a rule set when a tag
// names it or one of the rules' techniques now belongs to it.
func (d *differ) tacticAdded(t *attack.Tactic) *Change {
	if t.Deprecated {
		return nil
	}
	if f := d.from.TacticByID(t.ID); f != nil && !f.Deprecated {
		return nil
	}
	c := &Change{Kind: TacticAdded, ID: t.ID, Name: t.Name, URL: t.URL(), After: tacticState(t)}
	var techs []string
	c.Rules = d.usesOf(func(u *tagUse) bool {
		if u.to.tactic == t {
			return true
		}
		for _, x := range u.live {
			if slices.Contains(x.Tactics, t.Shortname) {
				if !slices.Contains(techs, x.ID) {
					techs = append(techs, x.ID)
				}
				return true
			}
		}
		return false
	})
	if d.rules && len(c.Rules) == 0 {
		return nil
	}
	c.Message = fmt.Sprintf("%s (%s) is a new tactic in %s, tag %s", t.ID, t.Name, release(d.to), t.Tag())
	if len(techs) > 0 {
		slices.Sort(techs)
		c.Message += fmt.Sprintf("; the rules' %s belong%s to it", andList(techs), plural(len(techs) == 1, "s", ""))
	}
	return c
}

// successors are the tactics of To that take over from f, whose tag no
// longer works: with a rule set, what the rules' tags of f should become;
// for a release, where f's techniques went.
func (d *differ) successors(f *attack.Tactic) []*attack.Tactic {
	var out []*attack.Tactic
	if d.rules {
		for _, u := range d.uses {
			if u.from.tactic == f && u.tacticStale {
				out = appendTactics(out, u.successors)
			}
		}
		sortTactics(out)
		return out
	}
	if t := d.to.TacticByID(f.ID); t != nil && !t.Deprecated {
		out = append(out, t)
	}
	for _, ft := range d.allTechniques() {
		if ft.Revoked || ft.Deprecated || !slices.Contains(ft.Tactics, f.Shortname) {
			continue
		}
		for _, x := range liveIn(d.to, ft.ID) {
			out = appendTactics(out, d.newTactics(f, ft, x, false))
		}
	}
	sortTactics(out)
	return out
}

// newTactics are the tactics of To that technique x, which stands for ft of
// From, brings to a tag of f: f's own ID, and tactics ft did not have.
// With fallback, a technique that only lost f gives all its tactics, so a
// rule still gets something to write.
func (d *differ) newTactics(f *attack.Tactic, ft, x *attack.Technique, fallback bool) []*attack.Tactic {
	var out, all []*attack.Tactic
	for _, s := range x.Tactics {
		t := d.to.TacticByShortname(s)
		if t == nil || t.Deprecated {
			continue
		}
		all = append(all, t)
		if t.ID == f.ID || ft == nil || !d.hadTactic(ft, t.ID) {
			out = append(out, t)
		}
	}
	if len(out) == 0 && fallback {
		return all
	}
	return out
}

// hadTactic reports whether technique ft of From was under the tactic id.
func (d *differ) hadTactic(ft *attack.Technique, id string) bool {
	for _, s := range ft.Tactics {
		if t := d.from.TacticByShortname(s); t != nil && t.ID == id {
			return true
		}
	}
	return false
}

// appendTactics adds the tactics of add that out lacks.
func appendTactics(out, add []*attack.Tactic) []*attack.Tactic {
	for _, t := range add {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// sortTactics puts tactics of one catalog in its matrix order.
func sortTactics(ts []*attack.Tactic) {
	slices.SortStableFunc(ts, func(a, b *attack.Tactic) int {
		return cmp.Or(cmp.Compare(a.Order, b.Order), cmp.Compare(a.ID, b.ID))
	})
}

func tacticState(t *attack.Tactic) *State {
	s := &State{ID: t.ID, Name: t.Name, Status: Live, URL: t.URL(), Tag: t.Tag()}
	if t.Deprecated {
		s.Status = Deprecated
	}
	return s
}

func tacticRefs(ts []*attack.Tactic) []TacticRef {
	var out []TacticRef
	for _, t := range ts {
		out = append(out, TacticRef{ID: t.ID, Name: t.Name, Shortname: t.Shortname, Tag: t.Tag()})
	}
	return out
}

// shortnameRef names the tactic a technique lists by shortname in c.
func shortnameRef(c *attack.Catalog, s string) TacticRef {
	r := TacticRef{Shortname: s, Tag: attack.TacticTag(s)}
	if t := c.TacticByShortname(s); t != nil {
		r.ID, r.Name = t.ID, t.Name
	}
	return r
}

func refTags(rs []TacticRef) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Tag)
	}
	return out
}
