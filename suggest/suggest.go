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
	docs    []vector // follows techs, as do urls and idOrder
	urls    []string
	// idOrder is each technique's place by ID (then catalog order): ties
	// on score go by ID.
	idOrder []int
	live    map[*attack.Technique]int // index in techs
	idf     map[string]float64
	words   index
}

// New indexes cat's live techniques: their names, their parents' names
// and the keywords of Keywords.
func New(cat *attack.Catalog) *Suggester {
	s := &Suggester{cat: cat, matcher: evidence.NewMatcher(cat), idf: map[string]float64{}, live: map[*attack.Technique]int{}}
	df := map[string]int{}
	var raw []doc
	for _, t := range cat.Techniques {
		if t.Revoked || t.Deprecated {
			continue
		}
		d := techniqueDoc(cat, t)
		s.live[t] = len(s.techs)
		s.techs = append(s.techs, t)
		s.urls = append(s.urls, t.URL())
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
	s.words = newIndex(s.docs)
	byID := make([]int, len(s.techs))
	for i := range byID {
		byID[i] = i
	}
	slices.SortStableFunc(byID, func(a, b int) int { return cmp.Compare(s.techs[a].ID, s.techs[b].ID) })
	s.idOrder = make([]int, len(s.techs))
	for place, i := range byID {
		s.idOrder[i] = place
	}
	return s
}

// Suggest returns the n best candidates for r, best first. Techniques on
// none of the platforms the rule's source runs on are left out.
func (s *Suggester) Suggest(r Rule, n int) []Candidate {
	return s.rank(r, s.judgeAll(r.watch()), n, s.newScratch())
}

// watch is what the rule watches.
func (r *Rule) watch() *evidence.Watch { return evidence.Observe(r.observation()) }

// observation is the rule's; without one, only its source is known.
func (r *Rule) observation() *condition.Observation {
	if r.Observation != nil {
		return r.Observation
	}
	src := r.Source
	if src == "" {
		src = "syscall"
	}
	return &condition.Observation{Rule: r.Name, Source: src}
}
