package diff

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/rules"
)

// differ holds one comparison's inputs and what it has read of the rules.
type differ struct {
	from, to *attack.Catalog
	// uses are the rules' ATT&CK tags; nil for a whole-release diff.
	uses  []*tagUse
	rules bool
}

// Compare reports what changed from one catalog to the other. With a rule
// set it covers the technique IDs, tactic IDs and tactic tags the rules'
// effective tags use, each change listing the tags; with a nil set it
// covers every technique and tactic of from. The catalogs must be of one
// domain.
func Compare(from, to *attack.Catalog, set *rules.Set) (*Report, error) {
	if from == nil || to == nil {
		return nil, errors.New("comparing ATT&CK data needs two catalogs")
	}
	if from.Domain != to.Domain {
		return nil, fmt.Errorf("cannot compare %s %s with %s %s: the domains differ", from.Domain, from.Version, to.Domain, to.Version)
	}
	d := &differ{from: from, to: to}
	r := &Report{From: dataset(from), To: dataset(to), Scope: ScopeRelease, Changes: []Change{}}
	tactics, techs := from.Tactics, d.allTechniques()
	if set != nil {
		d.rules = true
		r.Scope = ScopeRules
		for _, f := range set.Files {
			r.Files = append(r.Files, f.Path)
		}
		r.Rules = len(set.Rules)
		d.collect(set)
		tactics, techs = d.used()
	}
	changed := map[string]bool{}
	compared := 0
	add := func(cs ...Change) {
		for _, c := range cs {
			changed[c.ID] = true
			r.Changes = append(r.Changes, c)
		}
	}
	for _, f := range tactics {
		compared++
		if c := d.tacticChange(f); c != nil {
			add(*c)
		}
	}
	for _, t := range d.to.Tactics {
		if c := d.tacticAdded(t); c != nil {
			add(*c)
		}
	}
	for _, f := range techs {
		compared++
		add(d.techniqueChanges(f)...)
	}
	r.Summary = summarize(r.Changes, len(changed), compared)
	for _, u := range d.uses {
		if u.stale() {
			r.Summary.StaleTags++
		}
	}
	return r, nil
}

func dataset(c *attack.Catalog) Dataset {
	return Dataset{Domain: c.Domain, Version: c.Version, Source: c.Source}
}

// allTechniques are From's techniques, one per ID: where ATT&CK reused an
// ID, the one the catalog's lookups return.
func (d *differ) allTechniques() []*attack.Technique {
	var out []*attack.Technique
	for _, t := range d.from.Techniques {
		if d.from.Technique(t.ID) == t {
			out = append(out, t)
		}
	}
	return out
}

// used are the tactics of From, in matrix order, and its techniques, by
// ID, that the rules' tags name.
func (d *differ) used() ([]*attack.Tactic, []*attack.Technique) {
	tacs := map[*attack.Tactic]bool{}
	techs := map[*attack.Technique]bool{}
	for _, u := range d.uses {
		if u.from.tactic != nil {
			tacs[u.from.tactic] = true
		}
		if u.from.tech != nil {
			techs[u.from.tech] = true
		}
	}
	var tl []*attack.Tactic
	for _, t := range d.from.Tactics {
		if tacs[t] {
			tl = append(tl, t)
		}
	}
	var xl []*attack.Technique
	for t := range techs {
		xl = append(xl, t)
	}
	slices.SortFunc(xl, func(a, b *attack.Technique) int { return cmp.Compare(a.ID, b.ID) })
	return tl, xl
}

// usesOf returns the uses keep selects, sorted by position.
func (d *differ) usesOf(keep func(*tagUse) bool) []Use {
	var out []Use
	for _, u := range d.uses {
		if keep(u) {
			out = append(out, u.use())
		}
	}
	slices.SortStableFunc(out, func(a, b Use) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	return out
}

func summarize(cs []Change, changed, compared int) Summary {
	s := Summary{Changes: len(cs), Kinds: map[Kind]int{}, Changed: changed}
	from := map[string]bool{}
	for _, c := range cs {
		s.Kinds[c.Kind]++
		if c.Kind != TacticAdded {
			from[c.ID] = true
		}
	}
	s.Unchanged = compared - len(from)
	return s
}
