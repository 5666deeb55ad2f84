package suggest

import (
	"fmt"
	"runtime"
	"strings"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/condition"
	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/evidence"
	"github.com/falcomitre/falcomitre/internal/par"
	"github.com/falcomitre/falcomitre/rules"
)

// Suggestion is the candidates for one rule, with why the rule got them.
type Suggestion struct {
	Rule  string     `json:"rule"`
	Range diag.Range `json:"-"`
	File  string     `json:"file"`
	Line  int        `json:"line"`
	// Why says why the rule needs a suggestion: it has no technique tag,
	// or ATT&CK's analytics watch nothing it does for the ones it has.
	Why string `json:"why"`
	// Tagged are the live techniques the rule tags, with their verdicts.
	Tagged     []Tagged    `json:"tagged,omitempty"`
	Candidates []Candidate `json:"candidates"`
}

// Tagged is a technique a rule tags and its evidence verdict.
type Tagged struct {
	ID       string         `json:"id"`
	Name     string         `json:"name"`
	Evidence evidence.Level `json:"evidence"`
}

// ForSet suggests n techniques for each rule of set that has no live
// technique tag or whose technique tags include one with weak evidence;
// with all, for every rule. obs are the rules' observations by name
// (evidence.Observations), nil when not analysed. Rules follow set's
// order.
func (s *Suggester) ForSet(set *rules.Set, obs map[string]*condition.Observation, all bool, n int) []Suggestion {
	return s.forSet(set, obs, all, n, &verdictCache{limit: maxWatches})
}

// forSet is ForSet with the verdicts of cache.
func (s *Suggester) forSet(set *rules.Set, obs map[string]*condition.Observation, all bool, n int, cache *verdictCache) []Suggestion {
	// Rules are independent: each worker ranks a range of them into
	// their slots, which are then kept in rule order.
	sgs := make([]Suggestion, len(set.Rules))
	keep := make([]bool, len(set.Rules))
	scratches := make([]*scratch, runtime.GOMAXPROCS(0))
	memos := make([]*memo, len(scratches))
	par.Ranges(len(set.Rules), 256, func(worker, lo, hi int) {
		if scratches[worker] == nil {
			scratches[worker], memos[worker] = s.newScratch(), newMemo()
		}
		for i := lo; i < hi; i++ {
			sgs[i], keep[i] = s.forRule(set.Rules[i], obs, all, n, cache, scratches[worker], memos[worker])
		}
	})
	out := sgs[:0] // in place: a slot is read before it is written
	for i := range sgs {
		if keep[i] {
			out = append(out, sgs[i])
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// forRule is ForSet for one rule; false when the rule needs no
// suggestion.
func (s *Suggester) forRule(rule *rules.Rule, obs map[string]*condition.Observation, all bool, n int, cache *verdictCache, sc *scratch, m *memo) (Suggestion, bool) {
	r := Rule{Name: rule.Name, Source: rule.Source}
	if rule.Def != nil {
		r.Desc, r.Output = rule.Def.Desc, rule.Def.Output
	}
	r.Observation = obs[rule.Name]
	sg := Suggestion{Rule: rule.Name}
	if rule.Def != nil {
		sg.Range = rule.Def.Range
		sg.File, sg.Line = rule.Def.Range.File, rule.Def.Range.Start.Line
	}
	w, v := m.watch(s, r.observation(), cache)
	var weak []string
	r.Tags, r.Tactics = m.ruleTags[:0], m.tactics[:0]
	for _, tag := range rule.Tags {
		switch ref := m.tag(s, tag.Value); {
		case ref.word:
			r.Tags = append(r.Tags, tag.Value)
		case ref.tech != nil:
			t := ref.tech
			tg := Tagged{ID: t.ID, Name: t.Name}
			if r.Observation != nil {
				tg.Evidence = s.level(v, w, t)
				if tg.Evidence == evidence.Weak {
					weak = append(weak, t.ID)
				}
			}
			sg.Tagged = append(sg.Tagged, tg)
		case ref.tactic != "":
			r.Tactics = append(r.Tactics, ref.tactic)
		}
	}
	m.ruleTags, m.tactics = r.Tags, r.Tactics // their memory, for the next rule
	switch {
	case len(sg.Tagged) == 0:
		sg.Why = "no technique tag"
	case len(weak) > 0:
		sg.Why = "weak evidence for " + strings.Join(weak, ", ")
	case all:
		sg.Why = "asked for every rule"
	default:
		return Suggestion{}, false
	}
	sg.Candidates = m.rank(s, r, v, n, sc)
	return sg, true
}

// level is the level of t's verdict on w, which v, w's verdicts, has
// for every live technique of the catalog.
func (s *Suggester) level(v *verdicts, w *evidence.Watch, t *attack.Technique) evidence.Level {
	if i, ok := s.live[t]; ok {
		return v.level[i]
	}
	return s.matcher.Judge(w, t).Level
}

// tactic returns the tactic a tactic tag names, nil if none.
func (s *Suggester) tactic(ref attack.TagRef) *attack.Tactic {
	if ref.Form == attack.TacticID {
		return s.cat.TacticByID(ref.ID)
	}
	return s.cat.TacticByShortname(strings.Join(ref.Words, "-"))
}

// reasons says in a few lines why c was suggested.
func (c *Candidate) reasons() []string {
	var out []string
	if len(c.Words) > 0 {
		out = append(out, "words: "+strings.Join(shortList(c.Words, 6), ", "))
	}
	switch {
	case len(c.Watched) > 0:
		w := c.Watched[0]
		what := w.Log
		if w.Channel != "" && w.Channel != "None" {
			what += fmt.Sprintf(" %q", clip(w.Channel, 60))
		}
		if w.Component != "" {
			what += " → " + w.Component
		}
		where := ""
		if w.Analytic != "" {
			where = fmt.Sprintf(" (%s, %s)", w.Analytic, w.Platform)
		}
		out = append(out, fmt.Sprintf("ATT&CK watches %s%s; the rule watches it by %s %s", strings.TrimSpace(what), where, w.By, w.On))
	case c.Evidence == evidence.Weak:
		out = append(out, "ATT&CK's analytics for it watch nothing the rule watches")
	}
	if c.Tactic {
		out = append(out, "of a tactic the rule tags")
	}
	return out
}

func shortList(s []string, n int) []string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// clip shortens s to n bytes at a word boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < n/2 {
		cut = n
	}
	return s[:cut] + " …"
}
