// Package suggest ranks ATT&CK techniques for a Falco rule: by how what
// the rule observes meets what ATT&CK's analytics watch (package
// evidence), and by how the words of the rule's name, description, output
// and tags meet the technique's name and keywords. It suggests; it never
// tags. docs/evidence.md says how well it does on the falcosecurity rules.
package suggest

import (
	"cmp"
	"math"
	"slices"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/condition"
	"github.com/falcomitre/falcomitre/evidence"
)

// Rule is what a suggestion reads of one rule.
type Rule struct {
	Name, Desc, Output string
	// Tags are the rule's other tags ("container", "network"): their
	// words count with the description's.
	Tags []string
	// Tactics are the shortnames of the tactics the rule already tags:
	// techniques of those tactics rank higher.
	Tactics []string
	// Source is the rule's event source, "syscall" when empty.
	Source string
	// Observation is what the rule watches; nil when its condition was
	// not analysed, and then only its source and words count.
	Observation *condition.Observation
}

// Candidate is one technique suggested for a rule, with why.
type Candidate struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Tactics []string `json:"tactics"`
	URL     string   `json:"url"`
	Score   float64  `json:"score"`
	// Evidence is how the rule's observation meets the technique's
	// analytics, with the entries it meets (at most three).
	Evidence evidence.Level     `json:"evidence"`
	Watched  []evidence.Watched `json:"watched,omitempty"`
	// Words are the word stems the rule shares with the technique, the
	// most telling first.
	Words []string `json:"words,omitempty"`
	// Tactic is set when the technique is of a tactic the rule tags.
	Tactic bool `json:"tactic,omitempty"`
	// Reasons say why, in a few lines: the shared words, what of
	// ATT&CK's analytics the rule watches, the tactic.
	Reasons []string `json:"reasons"`
}

// Weights of the score's parts, set on rules outside the three
// falcosecurity files that docs/evidence.md measures; variables only so
// that the evaluation can vary them. The words are the rule's (with the
// processes and paths its condition names) against the technique's name,
// keywords and analytics' channels. What a verdict adds is a penalty
// when the analytics watch nothing the rule does: ranking up techniques
// whose analytics the rule meets, however specific the match, found the
// maintainers' technique less often on those rules, since most Linux
// analytics name execve or open.
var (
	weightWords    = 1.0  // cosine of the word vectors, 0…1
	weightWeak     = 0.05 // taken off when the verdict is Weak
	weightTactic   = 0.3  // for a technique of a tactic the rule tags
	weightEvidence = 0.0  // for the most specific entry met, 0…1; evaluation only
)

// Suggester ranks the live techniques of one catalog. Build it once; it
// is safe for concurrent use.
type Suggester struct {
	cat     *attack.Catalog
	matcher *evidence.Matcher
	techs   []*attack.Technique
	docs    []vector // follows techs
	idf     map[string]float64
}

// New indexes cat's live techniques: their names, their parents' names
// and the keywords of Keywords.
func New(cat *attack.Catalog) *Suggester {
	s := &Suggester{cat: cat, matcher: evidence.NewMatcher(cat), idf: map[string]float64{}}
	df := map[string]int{}
	var raw []doc
	for _, t := range cat.Techniques {
		if t.Revoked || t.Deprecated {
			continue
		}
		d := techniqueDoc(cat, t)
		s.techs = append(s.techs, t)
		raw = append(raw, d)
		for w := range d {
			df[w]++
		}
	}
	n := float64(len(s.techs))
	for w, k := range df {
		s.idf[w] = math.Log(n / float64(k))
	}
	for _, d := range raw {
		s.docs = append(s.docs, d.norm(s.idf))
	}
	return s
}

// Suggest returns the n best candidates for r, best first. Techniques on
// none of the platforms the rule's source runs on are left out.
func (s *Suggester) Suggest(r Rule, n int) []Candidate {
	d, spelt := ruleDoc(r)
	rd := d.norm(s.idf)
	obs := r.Observation
	if obs == nil {
		src := r.Source
		if src == "" {
			src = "syscall"
		}
		obs = &condition.Observation{Rule: r.Name, Source: src}
	}
	w := evidence.Observe(obs)
	var spec func(evidence.Watched) float64
	if weightEvidence > 0 {
		spec = s.specificity(w)
	}
	var out []Candidate
	for i, t := range s.techs {
		v := s.matcher.Judge(w, t)
		if v.Level == evidence.PlatformMismatch {
			continue
		}
		c := Candidate{ID: t.ID, Name: t.Name, Tactics: t.Tactics, URL: t.URL(), Evidence: v.Level}
		best := 0.0
		for _, e := range v.Matched() {
			if spec != nil {
				best = max(best, spec(e))
			}
			if len(c.Watched) < 3 {
				c.Watched = append(c.Watched, e)
			}
		}
		c.Score += weightEvidence * best
		if v.Level == evidence.Weak {
			c.Score -= weightWeak
		}
		cos, shared := rd.cosine(s.docs[i])
		c.Score += weightWords * cos
		for _, st := range shared {
			c.Words = append(c.Words, spelt[st])
		}
		for _, tac := range t.Tactics {
			if slices.Contains(r.Tactics, tac) {
				c.Tactic = true
			}
		}
		if c.Tactic {
			c.Score += weightTactic
		}
		// Four places are all the figures mean; fewer ties on float
		// noise.
		c.Score = math.Round(c.Score*1e4) / 1e4
		if c.Score > 0 {
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(a, b Candidate) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.ID, b.ID))
	})
	if len(out) > n {
		out = out[:n]
	}
	for i := range out {
		out[i].Reasons = out[i].reasons()
	}
	return out
}

// specificity returns how telling a met entry is, 0…1: one minus the
// share of techniques whose analytics have the same kind of match, so
// that execve, which a fifth of all techniques name, counts for less
// than ptrace.
func (s *Suggester) specificity(w *evidence.Watch) func(evidence.Watched) float64 {
	counts := map[string]int{}
	total := 0
	for _, t := range s.techs {
		v := s.matcher.Judge(w, t)
		if v.Level == evidence.PlatformMismatch {
			continue
		}
		total++
		seen := map[string]bool{}
		for _, e := range v.Matched() {
			k := feature(e)
			if !seen[k] {
				seen[k] = true
				counts[k]++
			}
		}
	}
	return func(e evidence.Watched) float64 {
		k := counts[feature(e)]
		if k == 0 || total == 0 {
			return 0
		}
		return 1 - float64(k)/float64(total)
	}
}

// feature names what an entry is met on: a syscall, a log or a data
// component.
func feature(e evidence.Watched) string { return e.By.String() + " " + e.On }
