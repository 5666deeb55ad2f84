package coverage

import (
	"fmt"
	"slices"
	"strings"
)

// Group is the coverage of part of a rule set.
type Group struct {
	// Name is the maturity or source the group's rules share; "" is the
	// group of rules with no maturity tag.
	Name  string
	Model *Model
}

// Ways to split a model.
const (
	SplitMaturity = "maturity"
	SplitSource   = "source"
)

// Subset returns the coverage of the rules keep accepts, with m's catalog
// and scope so that the denominators stay the same.
func (m *Model) Subset(keep func(*Rule) bool) *Model {
	s := &Model{Catalog: m.Catalog, Files: m.Files, Scope: m.Scope}
	for _, r := range m.Rules {
		if keep(r) {
			s.Rules = append(s.Rules, r)
		}
	}
	for _, u := range m.Uncounted {
		if keep(u.Rule) {
			s.Uncounted = append(s.Uncounted, u)
		}
	}
	s.place()
	return s
}

// withScope returns m's coverage counted in another scope.
func (m *Model) withScope(s Scope) *Model {
	c := &Model{Catalog: m.Catalog, Files: m.Files, Scope: s, Rules: m.Rules, Uncounted: m.Uncounted}
	c.place()
	return c
}

// Split groups the rules by maturity (in the falcosecurity order, other
// levels by name, rules with none last) or by source (by name).
func (m *Model) Split(by string) ([]Group, error) {
	var key func(*Rule) string
	var compare func(a, b string) int
	switch by {
	case SplitMaturity:
		key, compare = func(r *Rule) string { return r.Maturity }, compareMaturity
	case SplitSource:
		key, compare = func(r *Rule) string { return r.Source }, strings.Compare
	default:
		return nil, fmt.Errorf("cannot split by %q (want %s or %s)", by, SplitMaturity, SplitSource)
	}
	var names []string
	for _, r := range m.Rules {
		if k := key(r); !slices.Contains(names, k) {
			names = append(names, k)
		}
	}
	slices.SortFunc(names, compare)
	groups := make([]Group, 0, len(names))
	for _, name := range names {
		groups = append(groups, Group{Name: name, Model: m.Subset(func(r *Rule) bool { return key(r) == name })})
	}
	return groups, nil
}
