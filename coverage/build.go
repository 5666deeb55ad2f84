package coverage

import (
	"cmp"
	"slices"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/evidence"
	"github.com/falcomitre/falcomitre/rules"
)

// Options tune Build; the zero value scopes to the rules' event sources.
type Options struct {
	// Platforms in scope, in any case; "all" alone means no filter.
	// Empty means the defaults of the rules' event sources.
	Platforms []string
	// Report, when given, is the check report of the same set: each
	// rule's findings are attached to it.
	Report *check.Report
	// Check says how tags are read, as for check.Run.
	Check check.Options
}

// Build works out the coverage of set against cat. The only error is a
// platform that cat does not have.
func Build(set *rules.Set, cat *attack.Catalog, opt Options) (*Model, error) {
	m := &Model{Catalog: cat}
	for _, f := range set.Files {
		m.Files = append(m.Files, f.Path)
	}
	findings := map[string][]check.Finding{}
	if opt.Report != nil {
		for _, f := range opt.Report.Findings {
			findings[f.Rule] = append(findings[f.Rule], f)
		}
	}
	var sources []string
	for _, r := range set.Rules {
		rule := m.readRule(r, opt.Check)
		rule.Findings = findings[r.Name]
		m.Rules = append(m.Rules, rule)
		if !slices.Contains(sources, rule.Source) {
			sources = append(sources, rule.Source)
		}
	}
	slices.Sort(sources)
	scope, err := resolveScope(cat, opt.Platforms, sources)
	if err != nil {
		return nil, err
	}
	m.Scope = scope
	m.place()
	return m, nil
}

// readRule reads one rule's facts and tags, and records its tags that
// cover nothing.
func (m *Model) readRule(r *rules.Rule, opt check.Options) *Rule {
	rule := &Rule{Name: r.Name, Source: r.Source, Enabled: r.Enabled}
	if o, ok := opt.Observations[r.Name]; ok {
		rule.Watch = evidence.Observe(&o)
	}
	if d := r.Def; d != nil {
		rule.Desc, rule.Priority = d.Desc, d.Priority
		rule.File, rule.Line = d.Range.File, d.Range.Start.Line
		if rule.File == "" && d.File != nil {
			rule.File = d.File.Path
		}
	}
	for _, it := range r.Items {
		// Only an override replaces a priority (spec §4).
		if it != r.Def && it.Mode == rules.Override && it.Priority != "" {
			rule.Priority = it.Priority
		}
	}
	infos := check.ReadTags(m.Catalog, r, opt)
	attackTags := map[string]bool{}
	var techs []*attack.Technique
	var techTags []string
	for _, t := range infos {
		attackTags[t.Value] = true
		switch {
		case t.TacticRole && len(t.Tactics) == 0:
			m.uncount(rule, t.Value, ReasonUnknown, nil)
		case t.TacticRole:
			for _, tac := range t.Tactics {
				if tac.Deprecated {
					m.uncount(rule, t.Value, ReasonDeprecated, nil)
				} else if !slices.Contains(rule.Tactics, tac) {
					rule.Tactics = append(rule.Tactics, tac)
				}
			}
		}
		if t.TechniqueRole {
			techs = append(techs, t.Technique)
			techTags = append(techTags, t.Value)
		}
	}
	slices.SortFunc(rule.Tactics, func(a, b *attack.Tactic) int { return cmp.Compare(a.Order, b.Order) })
	for i, tech := range techs {
		rule.Techniques = append(rule.Techniques, m.placeTechnique(rule, techTags[i], tech))
	}
	slices.SortStableFunc(rule.Techniques, func(a, b TechniqueTag) int {
		return cmp.Compare(techKey(a), techKey(b))
	})
	var other []string
	for _, t := range r.Tags {
		if !attackTags[t.Value] {
			other = append(other, t.Value)
		}
	}
	rule.sortTags(other)
	return rule
}

func techKey(t TechniqueTag) string {
	if t.Technique != nil {
		return t.Technique.ID
	}
	return t.Tag
}

// placeTechnique decides which of the rule's tactics a technique tag
// covers: those that are the technique's own, and never another.
func (m *Model) placeTechnique(rule *Rule, tag string, tech *attack.Technique) TechniqueTag {
	tt := TechniqueTag{Tag: tag, Technique: tech}
	switch {
	case tech == nil:
		m.uncount(rule, tag, ReasonUnknown, nil)
		return tt
	case tech.Revoked:
		m.uncount(rule, tag, ReasonRevoked, tech)
		return tt
	case tech.Deprecated:
		m.uncount(rule, tag, ReasonDeprecated, tech)
		return tt
	}
	if tech.Parent != "" {
		if p := m.Catalog.Technique(tech.Parent); p == nil || p.Revoked || p.Deprecated {
			m.uncount(rule, tag, ReasonNoParent, tech)
			return tt
		}
	}
	for _, tac := range rule.Tactics {
		if slices.Contains(tech.Tactics, tac.Shortname) {
			tt.Under = append(tt.Under, tac)
		}
	}
	if len(tt.Under) == 0 {
		reason := ReasonTacticMismatch
		if len(rule.Tactics) == 0 {
			reason = ReasonNoTactic
		}
		m.uncount(rule, tag, reason, tech)
	}
	return tt
}

func (m *Model) uncount(rule *Rule, tag, reason string, tech *attack.Technique) {
	m.Uncounted = append(m.Uncounted, Uncounted{Rule: rule, Tag: tag, Reason: reason, Technique: tech})
}
