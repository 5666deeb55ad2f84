package coverage

import (
	"fmt"
	"slices"
	"strings"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/evidence"
)

// SourcePlatforms returns the platforms of cat that the event source can
// see, nil when falcomitre knows none. The table is evidence's, which the
// evidence checks share.
func SourcePlatforms(cat *attack.Catalog, source string) []string {
	return evidence.SourcePlatforms(cat, source)
}

// Platforms returns the platforms of cat's live techniques, sorted.
func Platforms(cat *attack.Catalog) []string { return evidence.Platforms(cat) }

// resolveScope works out the platforms in scope: the names given (in any
// case, or "all"), else the defaults of the sources, else every platform.
func resolveScope(cat *attack.Catalog, given []string, sources []string) (Scope, error) {
	have := Platforms(cat)
	if len(given) > 0 {
		if len(given) == 1 && strings.EqualFold(given[0], "all") {
			return Scope{From: ScopeAll}, nil
		}
		var out []string
		for _, g := range given {
			i := slices.IndexFunc(have, func(p string) bool { return strings.EqualFold(p, strings.TrimSpace(g)) })
			if i < 0 {
				return Scope{}, fmt.Errorf("unknown platform %q in %s %s (platforms: %s, or all)",
					g, cat.Domain, cat.Version, strings.Join(have, ", "))
			}
			if !slices.Contains(out, have[i]) {
				out = append(out, have[i])
			}
		}
		slices.Sort(out)
		return Scope{Platforms: out, From: ScopeGiven}, nil
	}
	s := Scope{From: ScopeSources}
	for _, src := range sources {
		s.Sources = append(s.Sources, src)
		for _, p := range SourcePlatforms(cat, src) {
			if !slices.Contains(s.Platforms, p) {
				s.Platforms = append(s.Platforms, p)
			}
		}
	}
	if len(s.Platforms) == 0 {
		return Scope{From: ScopeAll, Sources: s.Sources}, nil
	}
	slices.Sort(s.Platforms)
	return s, nil
}

// inScope reports whether a technique is on a platform of the scope.
func (s Scope) inScope(t *attack.Technique) bool {
	if len(s.Platforms) == 0 {
		return true
	}
	for _, p := range t.Platforms {
		if slices.Contains(s.Platforms, p) {
			return true
		}
	}
	return false
}

// union is the scope that holds both s and o; no filter on either side
// means none on the union.
func (s Scope) union(o Scope) Scope {
	u := Scope{From: s.From}
	if o.From != s.From {
		u.From = ScopeGiven
		if s.From == ScopeSources || o.From == ScopeSources {
			u.From = ScopeSources
		}
	}
	for _, src := range append(slices.Clone(s.Sources), o.Sources...) {
		if !slices.Contains(u.Sources, src) {
			u.Sources = append(u.Sources, src)
		}
	}
	slices.Sort(u.Sources)
	if len(s.Platforms) == 0 || len(o.Platforms) == 0 {
		u.From = ScopeAll
		return u
	}
	for _, p := range append(slices.Clone(s.Platforms), o.Platforms...) {
		if !slices.Contains(u.Platforms, p) {
			u.Platforms = append(u.Platforms, p)
		}
	}
	slices.Sort(u.Platforms)
	return u
}

func (s Scope) equal(o Scope) bool {
	return s.From == o.From && slices.Equal(s.Platforms, o.Platforms) && slices.Equal(s.Sources, o.Sources)
}
