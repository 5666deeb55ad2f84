package diff

import (
	"fmt"

	"github.com/falcomitre/falcomitre/attack"
)

// techniqueChanges compares technique f of From with the same ID in To, in
// the order of Kinds. A technique revoked in From was out of use already
// (T1086 is revoked by T1059.001 in every release since 6), and one
// revoked, removed or deprecated in To has nothing else worth saying.
func (d *differ) techniqueChanges(f *attack.Technique) []Change {
	if f.Revoked {
		return nil
	}
	t := d.to.Technique(f.ID)
	base := Change{ID: f.ID, Name: f.Name, URL: f.URL(), Before: techState(d.from, f)}
	if t != nil {
		base.After = techState(d.to, t)
	}
	base.Rules = d.usesOf(func(u *tagUse) bool { return u.from.tech == f })
	v := release(d.to)
	var out []Change
	add := func(k Kind, msg string, args ...any) *Change {
		c := base
		c.Kind, c.Message = k, fmt.Sprintf(msg, args...)
		out = append(out, c)
		return &out[len(out)-1]
	}
	switch {
	case t == nil:
		add(TechniqueRemoved, "%s (%s) is not in %s %s; tag a current technique instead", f.ID, f.Name, d.to.Domain, v)
		return out
	case t.Revoked:
		c := add(TechniqueRevoked, "%s (%s) was revoked in %s", f.ID, f.Name, v)
		var uses []string
		for _, x := range d.to.Replacements(t) {
			s := techState(d.to, x)
			c.ReplacedBy = append(c.ReplacedBy, *s)
			use := fmt.Sprintf("%s (%s)", x.ID, x.Name)
			if len(s.Tactics) > 0 {
				use += ", " + tacticsPhrase(s.Tactics)
			}
			uses = append(uses, use)
		}
		if len(uses) == 0 {
			c.Message += " and ATT&CK names no replacement; tag a current technique instead"
		} else {
			c.Message += ": use " + orList(uses)
		}
		return out
	case t.Deprecated && !f.Deprecated:
		add(TechniqueDeprecated, "%s (%s) is deprecated in %s; tag a current technique instead", f.ID, f.Name, v)
		return out
	case t.Deprecated:
		return nil
	}
	if t.Name != f.Name {
		add(TechniqueRenamed, "%s (%s) is named %s in %s; the tag %s stays valid", f.ID, f.Name, t.Name, v, f.ID)
	}
	if t.Parent != f.Parent {
		add(TechniqueMoved, "%s (%s) %s in %s", f.ID, f.Name, d.parentPhrase(f.Parent, t.Parent), v)
	}
	if added, removed := d.tacticDelta(f, t); len(added)+len(removed) > 0 {
		var msg string
		switch {
		case len(removed) == 0:
			msg = "also belongs to " + tacticsPhrase(added)
		case len(added) == 0:
			msg = "no longer belongs to " + tacticsPhrase(removed)
		default:
			msg = "moved from " + tacticsPhrase(removed) + " to " + andList(refTags(added))
		}
		c := add(TechniqueTacticsChanged, "%s (%s) %s in %s", f.ID, f.Name, msg, v)
		c.TacticsAdded, c.TacticsRemoved = added, removed
		if len(removed) > 0 && len(c.After.Tactics) > 0 {
			c.Message += "; tag it with " + orList(refTags(c.After.Tactics))
		}
	}
	return out
}

// parentPhrase says how a technique's place changed: under another
// parent, or between technique and sub-technique.
func (d *differ) parentPhrase(from, to string) string {
	name := func(id string) string {
		if t := d.to.Technique(id); t != nil {
			return fmt.Sprintf("%s (%s)", id, t.Name)
		}
		return id
	}
	switch {
	case from == "":
		return "became a sub-technique of " + name(to)
	case to == "":
		return "is no longer a sub-technique of " + from
	}
	return fmt.Sprintf("moved from under %s to under %s", from, name(to))
}

// tacticDelta compares a technique's tactics by tactic ID, so that a
// renamed tactic (defense-evasion → stealth, both TA0005) is not a change
// of every technique under it: tactic-renamed says it once.
func (d *differ) tacticDelta(f, t *attack.Technique) (added, removed []TacticRef) {
	key := func(c *attack.Catalog, s string) string {
		if tac := c.TacticByShortname(s); tac != nil {
			return tac.ID
		}
		return "shortname:" + s
	}
	had := map[string]bool{}
	for _, s := range f.Tactics {
		had[key(d.from, s)] = true
	}
	has := map[string]bool{}
	for _, s := range t.Tactics {
		k := key(d.to, s)
		has[k] = true
		if !had[k] {
			added = append(added, shortnameRef(d.to, s))
		}
	}
	for _, s := range f.Tactics {
		if !has[key(d.from, s)] {
			removed = append(removed, shortnameRef(d.from, s))
		}
	}
	return added, removed
}

func techState(c *attack.Catalog, t *attack.Technique) *State {
	s := &State{ID: t.ID, Name: t.Name, Status: Live, URL: t.URL(), Parent: t.Parent}
	switch {
	case t.Revoked:
		s.Status = Revoked
	case t.Deprecated:
		s.Status = Deprecated
	}
	if t.Revoked {
		// A revoked object's kill chain is history; its replacements'
		// tactics are what count.
		return s
	}
	for _, sn := range t.Tactics {
		s.Tactics = append(s.Tactics, shortnameRef(c, sn))
	}
	return s
}
