package attack

import (
	"cmp"
	"slices"
	"strings"
)

// buildDefenses fills in the mitigations and data components of c's
// techniques and the tables they point into. Only live objects and
// relationships count; the tables hold only what some technique uses, so
// a catalog carries no fact that nothing reaches.
func (f *stixFacts) buildDefenses(c *Catalog) {
	mits := make(map[string]*Mitigation, len(f.mitigations))
	for _, m := range f.mitigations {
		id := attackID(m.Refs)
		// Mitigations have M IDs; the deprecated per-technique ones of
		// old releases reuse technique IDs and say nothing new.
		if m.Revoked || m.Deprecated || !strings.HasPrefix(id, "M") {
			continue
		}
		mits[m.ID] = &Mitigation{ID: id, Name: m.Name}
	}
	sourceName := make(map[string]string, len(f.sources))
	for _, s := range f.sources {
		sourceName[s.ID] = s.Name
	}
	comps := make(map[string]*DataComponent, len(f.components))
	for _, d := range f.components {
		if d.Revoked || d.Deprecated {
			continue
		}
		comps[d.ID] = &DataComponent{ID: attackID(d.Refs), Name: d.Name, DataSource: sourceName[d.SourceRef]}
	}
	// From ATT&CK 18 a detection strategy detects a technique, and the
	// data components are those its analytics read.
	analytics := make(map[string][]string, len(f.analytics))
	for _, a := range f.analytics {
		if a.Revoked || a.Deprecated {
			continue
		}
		for _, ls := range a.LogSources {
			analytics[a.ID] = append(analytics[a.ID], ls.ComponentRef)
		}
	}
	strategies := make(map[string][]string, len(f.strategies))
	for _, s := range f.strategies {
		if s.Revoked || s.Deprecated {
			continue
		}
		for _, ref := range s.AnalyticRefs {
			strategies[s.ID] = append(strategies[s.ID], analytics[ref]...)
		}
	}

	usedMit := make(map[string]*Mitigation)
	usedComp := make(map[string]*DataComponent)
	for stixID, t := range f.techByStix {
		for _, ref := range f.mitigates[stixID] {
			if m := mits[ref]; m != nil && !slices.Contains(t.Mitigations, m.ID) {
				t.Mitigations = append(t.Mitigations, m.ID)
				usedMit[m.ID] = m
			}
		}
		for _, ref := range f.detects[stixID] {
			refs := []string{ref}
			if s, ok := strategies[ref]; ok {
				refs = s
			}
			for _, r := range refs {
				d := comps[r]
				if d == nil {
					continue
				}
				k := d.Key()
				if !slices.Contains(t.DataComponents, k) {
					t.DataComponents = append(t.DataComponents, k)
				}
				usedComp[k] = d
			}
		}
		slices.Sort(t.Mitigations)
		slices.Sort(t.DataComponents)
	}
	for _, m := range usedMit {
		c.Mitigations = append(c.Mitigations, m)
	}
	slices.SortFunc(c.Mitigations, func(a, b *Mitigation) int { return cmp.Compare(a.ID, b.ID) })
	for _, d := range usedComp {
		c.DataComponents = append(c.DataComponents, d)
	}
	slices.SortFunc(c.DataComponents, func(a, b *DataComponent) int { return cmp.Compare(a.Key(), b.Key()) })
}
