package suggest

import (
	"fmt"
	"strings"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/condition"
	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/evidence"
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
func (s *Suggester) ForSet(set *rules.Set, obs map[string]condition.Observation, all bool, n int) []Suggestion {
	var out []Suggestion
	for _, rule := range set.Rules {
		r := Rule{Name: rule.Name, Source: rule.Source}
		if rule.Def != nil {
			r.Desc, r.Output = rule.Def.Desc, rule.Def.Output
		}
		if o, ok := obs[rule.Name]; ok {
			r.Observation = &o
		}
		sg := Suggestion{Rule: rule.Name}
		if rule.Def != nil {
			sg.Range = rule.Def.Range
			sg.File, sg.Line = rule.Def.Range.File, rule.Def.Range.Start.Line
		}
		var weak []string
		var w *evidence.Watch
		if r.Observation != nil {
			w = evidence.Observe(r.Observation)
		}
		for _, tag := range rule.Tags {
			ref := attack.ParseTag(tag.Value)
			switch ref.Form {
			case attack.NotATTACK:
				r.Tags = append(r.Tags, tag.Value)
			case attack.TechniqueID:
				t := s.cat.Technique(ref.ID)
				if t == nil || t.Revoked || t.Deprecated {
					continue
				}
				tg := Tagged{ID: t.ID, Name: t.Name}
				if w != nil {
					tg.Evidence = s.matcher.Judge(w, t).Level
					if tg.Evidence == evidence.Weak {
						weak = append(weak, t.ID)
					}
				}
				sg.Tagged = append(sg.Tagged, tg)
			default:
				if tac := s.tactic(ref); tac != nil {
					r.Tactics = append(r.Tactics, tac.Shortname)
				}
			}
		}
		switch {
		case len(sg.Tagged) == 0:
			sg.Why = "no technique tag"
		case len(weak) > 0:
			sg.Why = "weak evidence for " + strings.Join(weak, ", ")
		case all:
			sg.Why = "asked for every rule"
		default:
			continue
		}
		sg.Candidates = s.Suggest(r, n)
		out = append(out, sg)
	}
	return out
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
