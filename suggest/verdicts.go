package suggest

import (
	"slices"

	"github.com/falcomitre/falcomitre/evidence"
)

// verdicts are what ranking reads of every live technique's verdict on
// one watch. They depend on the watch alone, and the rules of a set share
// a few watches, so ForSet works them out once for each (verdictCache)
// instead of judging every technique for every rule.
type verdicts struct {
	// level, watched and base follow Suggester.techs: the verdict's
	// level, the first three entries the rule meets, and the verdict's
	// part of the score (the evidence weight less the weak penalty).
	level   []evidence.Level
	watched [][]evidence.Watched
	base    []float64
}

// judgeAll judges every live technique on w.
func (s *Suggester) judgeAll(w *evidence.Watch) *verdicts {
	n := len(s.techs)
	v := &verdicts{level: make([]evidence.Level, n), watched: make([][]evidence.Watched, n), base: make([]float64, n)}
	matched := make([][]evidence.Watched, n)
	for i, t := range s.techs {
		jv := s.matcher.Judge(w, t)
		v.level[i] = jv.Level
		if jv.Level != evidence.PlatformMismatch {
			matched[i] = jv.Matched()
		}
	}
	var spec func(evidence.Watched) float64
	if weightEvidence > 0 {
		spec = specificity(v.level, matched)
	}
	for i := range s.techs {
		if v.level[i] == evidence.PlatformMismatch {
			continue
		}
		best := 0.0
		for _, e := range matched[i] {
			if spec != nil {
				best = max(best, spec(e))
			}
			if len(v.watched[i]) < 3 {
				v.watched[i] = append(v.watched[i], e)
			}
		}
		// Candidates of many rules share the slice: clipped, an append
		// to one copies.
		v.watched[i] = slices.Clip(v.watched[i])
		score := 0.0
		score += weightEvidence * best
		if v.level[i] == evidence.Weak {
			score -= weightWeak
		}
		v.base[i] = score
	}
	return v
}

// specificity returns how telling a met entry is, 0…1: one minus the
// share of techniques whose analytics have the same kind of match, so
// that execve, which a fifth of all techniques name, counts for less
// than ptrace. level and matched follow the techniques.
func specificity(level []evidence.Level, matched [][]evidence.Watched) func(evidence.Watched) float64 {
	counts := map[string]int{}
	total := 0
	for i, l := range level {
		if l == evidence.PlatformMismatch {
			continue
		}
		total++
		seen := map[string]bool{}
		for _, e := range matched[i] {
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
