package coverage

import (
	"cmp"
	"runtime"
	"slices"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/internal/par"
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
	findings := findingsByRule(opt.Report)
	// Rules are read on every core, each into its own index, and merged
	// in rule order.
	m.Rules = make([]*Rule, len(set.Rules))
	uncounted := make([][]Uncounted, len(set.Rules))
	// Each goroutine reads with its own cache, as check.Run does: rules
	// share most tag values and conditions.
	readers := make([]*check.Reader, runtime.GOMAXPROCS(0))
	par.Ranges(len(set.Rules), 256, func(w, lo, hi int) {
		if readers[w] == nil {
			readers[w] = check.NewReader(cat, opt.Check)
		}
		block := make([]Rule, hi-lo) // one allocation for the range's rules
		for i := lo; i < hi; i++ {
			m.Rules[i] = &block[i-lo]
			uncounted[i] = readRule(cat, readers[w], set.Rules[i], m.Rules[i])
			m.Rules[i].Findings = findings[set.Rules[i].Name]
		}
	})
	n := 0
	for _, u := range uncounted {
		n += len(u)
	}
	if n > 0 {
		m.Uncounted = make([]Uncounted, 0, n) // sized once, not grown
	}
	var sources []string
	for i, rule := range m.Rules {
		m.Uncounted = append(m.Uncounted, uncounted[i]...)
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

// findingsByRule groups the report's findings by rule, in report order.
// A rule's findings are mostly next to each other in the report (sorted
// by place), so its list is then the report's own, capped so that an
// append copies; only the others are copied: copying every finding of a
// large set was tens of megabytes.
func findingsByRule(rep *check.Report) map[string][]check.Finding {
	if rep == nil {
		return nil
	}
	all := rep.Findings
	type span struct{ first, last, n int }
	// Sized once: growing them rehashed and copied a large set's rules.
	size := min(rep.Rules, len(all))
	spans := make([]span, 0, size)
	at := make(map[string]int, size)
	for i := range all {
		k, ok := at[all[i].Rule]
		if !ok {
			k = len(spans)
			at[all[i].Rule] = k
			spans = append(spans, span{first: i})
		}
		spans[k].last = i
		spans[k].n++
	}
	out := make(map[string][]check.Finding, len(at))
	scattered := false
	for rule, k := range at {
		sp := spans[k]
		if sp.last-sp.first+1 == sp.n {
			out[rule] = all[sp.first : sp.last+1 : sp.last+1]
		} else {
			out[rule] = make([]check.Finding, 0, sp.n)
			scattered = true
		}
	}
	if !scattered {
		return out
	}
	for i := range all {
		sp := spans[at[all[i].Rule]]
		if sp.last-sp.first+1 != sp.n {
			out[all[i].Rule] = append(out[all[i].Rule], all[i])
		}
	}
	return out
}

// readRule reads one rule's facts and tags into rule with the
// goroutine's reader, and returns its tags that cover nothing. It only
// reads shared data.
func readRule(cat *attack.Catalog, rd *check.Reader, r *rules.Rule, rule *Rule) []Uncounted {
	*rule = Rule{Name: r.Name, Source: r.Source, Enabled: r.Enabled}
	rule.Watch = rd.Watch(r)
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
	u := &uncounter{rule: rule}
	infos := rd.Tags(r)
	var techs []*attack.Technique
	var techTags []string
	for _, t := range infos {
		switch {
		case t.TacticRole && len(t.Tactics) == 0:
			u.add(t.Value, ReasonUnknown, nil)
		case t.TacticRole:
			for _, tac := range t.Tactics {
				if tac.Deprecated {
					u.add(t.Value, ReasonDeprecated, nil)
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
		rule.Techniques = append(rule.Techniques, placeTechnique(cat, u, techTags[i], tech))
	}
	slices.SortStableFunc(rule.Techniques, func(a, b TechniqueTag) int {
		return cmp.Compare(techKey(a), techKey(b))
	})
	var other []string
	for _, t := range r.Tags {
		if !isRead(infos, t.Value) {
			other = append(other, t.Value)
		}
	}
	rule.sortTags(other)
	return u.list
}

// isRead reports whether value is one of the rule's ATT&CK tags: a rule
// has a few, so a scan beats building a set.
func isRead(infos []*check.TagInfo, value string) bool {
	return slices.ContainsFunc(infos, func(t *check.TagInfo) bool { return t.Value == value })
}

func techKey(t TechniqueTag) string {
	if t.Technique != nil {
		return t.Technique.ID
	}
	return t.Tag
}

// placeTechnique decides which of the rule's tactics a technique tag
// covers: those that are the technique's own, and never another.
func placeTechnique(cat *attack.Catalog, u *uncounter, tag string, tech *attack.Technique) TechniqueTag {
	tt := TechniqueTag{Tag: tag, Technique: tech}
	switch {
	case tech == nil:
		u.add(tag, ReasonUnknown, nil)
		return tt
	case tech.Revoked:
		u.add(tag, ReasonRevoked, tech)
		return tt
	case tech.Deprecated:
		u.add(tag, ReasonDeprecated, tech)
		return tt
	}
	if tech.Parent != "" {
		if p := cat.Technique(tech.Parent); p == nil || p.Revoked || p.Deprecated {
			u.add(tag, ReasonNoParent, tech)
			return tt
		}
	}
	for _, tac := range u.rule.Tactics {
		if slices.Contains(tech.Tactics, tac.Shortname) {
			tt.Under = append(tt.Under, tac)
		}
	}
	if len(tt.Under) == 0 {
		reason := ReasonTacticMismatch
		if len(u.rule.Tactics) == 0 {
			reason = ReasonNoTactic
		}
		u.add(tag, reason, tech)
	}
	return tt
}

// uncounter lists one rule's tags that cover nothing, in tag order.
type uncounter struct {
	rule *Rule
	list []Uncounted
}

func (u *uncounter) add(tag, reason string, tech *attack.Technique) {
	u.list = append(u.list, Uncounted{Rule: u.rule, Tag: tag, Reason: reason, Technique: tech})
}
