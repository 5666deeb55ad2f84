package coverage

import (
	"slices"
	"strings"

	"github.com/falcomitre/falcomitre/attack"
)

// Count is how many rules share a value, and which.
type Count struct {
	Name  string // the value: a workload, a tag; "" for none
	Rules []*Rule
}

// Workloads counts the rules by their workload tags taken together
// ("container, host", "container", "host", and "" for neither), so that
// the counts add up to the number of rules. Most rules first.
func (m *Model) Workloads() []Count {
	return countBy(m.Rules, func(r *Rule) []string { return []string{strings.Join(r.Workload, ", ")} })
}

// Compliance counts the rules by compliance tag, by tag.
func (m *Model) Compliance() []Count {
	cs := countBy(m.Rules, func(r *Rule) []string { return r.Compliance })
	slices.SortFunc(cs, func(a, b Count) int { return strings.Compare(a.Name, b.Name) })
	return cs
}

// Maturities counts the rules by maturity, in maturity order.
func (m *Model) Maturities() []Count {
	cs := countBy(m.Rules, func(r *Rule) []string { return []string{r.Maturity} })
	slices.SortFunc(cs, func(a, b Count) int { return compareMaturity(a.Name, b.Name) })
	return cs
}

// Sources counts the rules by event source, by name.
func (m *Model) Sources() []Count {
	cs := countBy(m.Rules, func(r *Rule) []string { return []string{r.Source} })
	slices.SortFunc(cs, func(a, b Count) int { return strings.Compare(a.Name, b.Name) })
	return cs
}

// countBy groups rules by the values keys gives each, most rules first,
// then by value; each group's rules are by name.
func countBy(rules []*Rule, keys func(*Rule) []string) []Count {
	var out []Count
	at := map[string]int{}
	for _, r := range rules {
		for _, k := range keys(r) {
			i, ok := at[k]
			if !ok {
				i = len(out)
				at[k] = i
				out = append(out, Count{Name: k})
			}
			out[i].Rules = append(out[i].Rules, r)
		}
	}
	for _, c := range out {
		sortRules(c.Rules)
	}
	slices.SortStableFunc(out, func(a, b Count) int {
		if d := len(b.Rules) - len(a.Rules); d != 0 {
			return d
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

// Entry is one technique, exactly as tagged, under one tactic: what a
// Navigator layer scores and what a coverage diff compares.
type Entry struct {
	Tactic    *attack.Tactic
	Technique *attack.Technique
	Rules     []*Rule // by name
}

// Entries returns every technique some rule tags under a tactic it
// belongs to, sub-techniques as themselves, in matrix order of tactics
// and then by technique ID.
func (m *Model) Entries() []Entry {
	var out []Entry
	for _, col := range m.Columns {
		var es []Entry
		for _, c := range col.Cells {
			if len(c.Direct) > 0 {
				es = append(es, Entry{Tactic: col.Tactic, Technique: c.Technique, Rules: c.Direct})
			}
			for _, s := range c.Subs {
				es = append(es, Entry{Tactic: col.Tactic, Technique: s.Technique, Rules: s.Rules})
			}
		}
		slices.SortFunc(es, func(a, b Entry) int { return strings.Compare(a.Technique.ID, b.Technique.ID) })
		out = append(out, es...)
	}
	return out
}

// MaturityNames returns the maturities of rules, each once, in maturity
// order ("" for no maturity tag last): to group lists that are sorted
// already, which Maturities would copy and sort again.
func MaturityNames(rules []*Rule) []string {
	var names []string
	for _, r := range rules {
		if !slices.Contains(names, r.Maturity) {
			names = append(names, r.Maturity)
		}
	}
	slices.SortFunc(names, compareMaturity)
	return names
}
