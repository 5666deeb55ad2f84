package attack

import (
	"cmp"
	"slices"
	"strings"
)

// buildDefenses fills in the mitigations, data components and analytics
// of c's techniques and the tables they point into. Only live objects and
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
	strategies := f.strategyAnalytics(comps)

	usedMit := make(map[string]*Mitigation)
	usedComp := make(map[string]*DataComponent)
	addComp := func(t *Technique, d *DataComponent) {
		k := d.Key()
		if !slices.Contains(t.DataComponents, k) {
			t.DataComponents = append(t.DataComponents, k)
		}
		usedComp[k] = d
	}
	for stixID, t := range f.techByStix {
		for _, ref := range f.mitigates[stixID] {
			if m := mits[ref]; m != nil && !slices.Contains(t.Mitigations, m.ID) {
				t.Mitigations = append(t.Mitigations, m.ID)
				usedMit[m.ID] = m
			}
		}
		for _, ref := range f.detects[stixID] {
			list, ok := strategies[ref]
			if !ok {
				// Before ATT&CK 18 a data component detects directly.
				if d := comps[ref]; d != nil {
					addComp(t, d)
				}
				continue
			}
			// From 18 a detection strategy detects a technique, and the
			// data components are those its analytics read.
			for _, a := range list {
				t.Analytics = append(t.Analytics, a.analytic)
				for _, d := range a.comps {
					addComp(t, d)
				}
			}
		}
		slices.Sort(t.Mitigations)
		slices.Sort(t.DataComponents)
		slices.SortFunc(t.Analytics, func(a, b Analytic) int { return strings.Compare(a.ID, b.ID) })
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

// builtAnalytic is an analytic with the live data components its log
// sources lead to.
type builtAnalytic struct {
	analytic Analytic
	comps    []*DataComponent
}

// strategyAnalytics maps each live detection strategy's STIX id to its
// live analytics, given the live data components by STIX id.
func (f *stixFacts) strategyAnalytics(comps map[string]*DataComponent) map[string][]*builtAnalytic {
	analytics := make(map[string]*builtAnalytic, len(f.analytics))
	for _, a := range f.analytics {
		if a.Revoked || a.Deprecated {
			continue
		}
		b := &builtAnalytic{analytic: Analytic{ID: attackID(a.Refs), Platforms: nonEmpty(a.Platforms)}}
		for _, ls := range a.LogSources {
			var key string
			if d := comps[ls.ComponentRef]; d != nil {
				key = d.Key()
				b.comps = append(b.comps, d)
			}
			b.analytic.LogSources = append(b.analytic.LogSources, LogSource{Name: ls.Name, Channel: ls.Channel, Component: key})
		}
		analytics[a.ID] = b
	}
	strategies := make(map[string][]*builtAnalytic, len(f.strategies))
	for _, s := range f.strategies {
		if s.Revoked || s.Deprecated {
			continue
		}
		id := attackID(s.Refs)
		list := []*builtAnalytic{}
		for _, ref := range s.AnalyticRefs {
			if a := analytics[ref]; a != nil {
				a.analytic.Strategy = id
				list = append(list, a)
			}
		}
		strategies[s.ID] = list
	}
	return strategies
}
