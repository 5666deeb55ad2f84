package suggest

import (
	"cmp"
	"math"
	"slices"

	"github.com/falcomitre/falcomitre/evidence"
)

// scratch is one goroutine's working memory for rank, reused from rule
// to rule.
type scratch struct {
	sums   []float64 // word cosines, following the techniques
	scored []scored
	// doc, spelt and vec hold the rule's words (ruleVector).
	doc   doc
	spelt spelling
	vec   vector
}

func (s *Suggester) newScratch() *scratch {
	return &scratch{sums: make([]float64, len(s.techs)), doc: doc{}, spelt: spelling{}}
}

// scored is a technique's score for one rule.
type scored struct {
	score float64
	tech  int
}

// rank returns the n best candidates for r, whose watch has verdicts v,
// best first.
func (s *Suggester) rank(r Rule, v *verdicts, n int, sc *scratch) []Candidate {
	rd, spelt := s.ruleVector(r, sc)
	return s.rankVector(rd, spelt, r.Tactics, v, n, sc)
}

// rankVector is rank on what it depends on: the rule's vector rd with its
// spellings, the tactics it tags and its verdicts. Only the n best are
// made into Candidates: most of the work of a Candidate (URL, shared
// words, reasons) is for printing.
func (s *Suggester) rankVector(rd vector, spelt spelling, tactics []string, v *verdicts, n int, sc *scratch) []Candidate {
	clear(sc.sums)
	s.words.cosines(rd, sc.sums)
	all := sc.scored[:0]
	for i, t := range s.techs {
		if v.level[i] == evidence.PlatformMismatch {
			continue
		}
		// The parts add in one fixed order: float sums depend on it,
		// and a last-digit change would reorder ties.
		score := v.base[i]
		score += weightWords * sc.sums[i]
		if ofTactic(t.Tactics, tactics) {
			score += weightTactic
		}
		// Four places are all the figures mean; fewer ties on float
		// noise.
		score = math.Round(score*1e4) / 1e4
		if score > 0 {
			all = append(all, scored{score, i})
		}
	}
	sc.scored = all
	top := s.best(all, n)
	if len(top) == 0 {
		return nil
	}
	out := make([]Candidate, len(top))
	for k, b := range top {
		t := s.techs[b.tech]
		c := Candidate{ID: t.ID, Name: t.Name, Tactics: t.Tactics, URL: s.urls[b.tech], Score: b.score,
			Evidence: v.level[b.tech], Watched: v.watched[b.tech], Tactic: ofTactic(t.Tactics, tactics)}
		_, shared := rd.cosine(s.docs[b.tech])
		for _, st := range shared {
			c.Words = append(c.Words, spelt[st])
		}
		c.Reasons = c.reasons()
		out[k] = c
	}
	return out
}

// best moves the n best of all to its front, best first, and returns
// them: by score, then ID, then catalog order, as a stable sort by score
// and ID would. A few passes pick three of hundreds faster than a sort.
func (s *Suggester) best(all []scored, n int) []scored {
	order := func(a, b scored) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(s.idOrder[a.tech], s.idOrder[b.tech]))
	}
	if n >= len(all)/4 {
		slices.SortFunc(all, order)
		return all[:min(n, len(all))]
	}
	for j := range n {
		m := j
		for k := j + 1; k < len(all); k++ {
			if order(all[k], all[m]) < 0 {
				m = k
			}
		}
		all[j], all[m] = all[m], all[j]
	}
	return all[:n]
}

// ofTactic reports whether a technique of tactics is of one the rule tags.
func ofTactic(tactics, tagged []string) bool {
	for _, tac := range tactics {
		if slices.Contains(tagged, tac) {
			return true
		}
	}
	return false
}
