package suggest

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
)

// TestBest: the n best are those a stable sort by score and ID puts
// first, whether best picks or sorts them.
func TestBest(t *testing.T) {
	cat, err := attack.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	s := New(cat)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		all := make([]scored, rng.IntN(len(s.techs)))
		for k := range all {
			// Few distinct scores: many ties.
			all[k] = scored{float64(rng.IntN(5)) / 4, rng.IntN(len(s.techs))}
		}
		want := slices.Clone(all)
		slices.SortStableFunc(want, func(a, b scored) int {
			return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(s.techs[a.tech].ID, s.techs[b.tech].ID))
		})
		for _, n := range []int{1, 3, 10, 1000} {
			got := s.best(slices.Clone(all), n)
			w := want[:min(n, len(want))]
			if !slices.EqualFunc(got, w, func(a, b scored) bool { return a.score == b.score && s.techs[a.tech].ID == s.techs[b.tech].ID }) {
				t.Fatalf("best(%d of %d) = %v, want %v", n, len(all), got, w)
			}
		}
	}
}
