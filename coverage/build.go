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
	// Rules are read on every core, a range at a time, each range's tags
	// that cover nothing merged in rule order.
	const rangeSize = 256
	m.Rules = make([]*Rule, len(set.Rules))
	uncounted := make([][]Uncounted, (len(set.Rules)+rangeSize-1)/rangeSize)
	// Each goroutine reads with its own cache, as check.Run does: rules
	// share most tag values and conditions.
	readers := make([]*check.Reader, runtime.GOMAXPROCS(0))
	par.Ranges(len(set.Rules), rangeSize, func(w, lo, hi int) {
		if readers[w] == nil {
			readers[w] = check.NewReader(cat, opt.Check)
		}
		block := make([]Rule, hi-lo) // one allocation for the range's rules
		var u []Uncounted
		for i := lo; i < hi; i++ {
			m.Rules[i] = &block[i-lo]
			u = readRule(cat, readers[w], set.Rules[i], m.Rules[i], u)
		}
		uncounted[lo/rangeSize] = u
	})
	attachFindings(m.Rules, opt.Report)
	m.Uncounted = slices.Concat(uncounted...)
	var sources []string
	for _, rule := range m.Rules {
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

// attachFindings gives each rule its findings in the report, in report
// order. A rule's findings are mostly next to each other in the report
// (sorted by place), so its list is then the report's own, capped so
// that an append copies; only the others are copied: copying every
// finding of a large set was tens of megabytes. Rules are found by name
// through one index, not a list of findings per name.
func attachFindings(rules []*Rule, rep *check.Report) {
	if rep == nil || len(rep.Findings) == 0 {
		return
	}
	all := rep.Findings
	// at is the first rule of each name: filled backwards, the first
	// stays.
	at := make(map[string]int32, len(rules))
	for i := len(rules) - 1; i >= 0; i-- {
		at[rules[i].Name] = int32(i)
	}
	type span struct{ first, last, n int32 } // a report of fewer than 2^31 findings
	spans := make([]span, len(rules))
	// owner is the rule of each finding, -1 for none; a name is looked
	// up only when it is not the previous finding's.
	owner := make([]int32, len(all))
	for i := range all {
		k := int32(-1)
		if i > 0 && all[i].Rule == all[i-1].Rule {
			k = owner[i-1]
		} else if j, ok := at[all[i].Rule]; ok {
			k = j
		}
		owner[i] = k
		if k < 0 {
			continue
		}
		sp := &spans[k]
		if sp.n == 0 {
			sp.first = int32(i)
		}
		sp.last = int32(i)
		sp.n++
	}
	scattered := false
	for k, sp := range spans {
		switch {
		case sp.n == 0:
		case sp.last-sp.first+1 == sp.n:
			rules[k].Findings = all[sp.first : sp.last+1 : sp.last+1]
		default:
			rules[k].Findings = make([]check.Finding, 0, sp.n)
			scattered = true
		}
	}
	if scattered {
		for i := range all {
			k := owner[i]
			if k >= 0 && spans[k].last-spans[k].first+1 != spans[k].n {
				rules[k].Findings = append(rules[k].Findings, all[i])
			}
		}
	}
	if len(at) < len(rules) { // names shared by several rules: each has their findings
		for _, r := range rules {
			r.Findings = rules[at[r.Name]].Findings
		}
	}
}

// readRule reads one rule's facts and tags into rule with the
// goroutine's reader, and returns uncounted with its tags that cover
// nothing appended. It only reads shared data.
func readRule(cat *attack.Catalog, rd *check.Reader, r *rules.Rule, rule *Rule, uncounted []Uncounted) []Uncounted {
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
	u := &uncounter{rule: rule, list: uncounted}
	infos := rd.Tags(r)
	techs := 0
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
			techs++
		}
	}
	slices.SortFunc(rule.Tactics, func(a, b *attack.Tactic) int { return cmp.Compare(a.Order, b.Order) })
	// The techniques are placed once the tactics are all known.
	if techs > 0 {
		rule.Techniques = make([]TechniqueTag, 0, techs)
	}
	for _, t := range infos {
		if t.TechniqueRole {
			rule.Techniques = append(rule.Techniques, placeTechnique(cat, u, t.Value, t.Technique))
		}
	}
	slices.SortStableFunc(rule.Techniques, func(a, b TechniqueTag) int {
		return cmp.Compare(techKey(a), techKey(b))
	})
	rule.sortTags(r.Tags, func(tag string) bool { return isRead(infos, tag) })
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

// uncounter appends one rule's tags that cover nothing to list, in tag
// order.
type uncounter struct {
	rule *Rule
	list []Uncounted
}

func (u *uncounter) add(tag, reason string, tech *attack.Technique) {
	u.list = append(u.list, Uncounted{Rule: u.rule, Tag: tag, Reason: reason, Technique: tech})
}
