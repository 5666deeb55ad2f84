package fix

import (
	"math/rand/v2"
	"testing"

	"github.com/falcomitre/falcomitre/diag"
)

// TestTakenEditsAgreeWithScan: the neighbour search answers as a scan of
// every edit taken does, for random edits taken in random order.
func TestTakenEditsAgreeWithScan(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	defer func(m int) { mergeAt = m }(mergeAt)
	for round := range 200 {
		mergeAt = 1 + round%8 // merges at every size
		taken := takenEdits{}
		var all []diag.Edit
		for range 60 {
			e := diag.Edit{File: "f", Offset: r.IntN(100), Length: r.IntN(4) * r.IntN(2)}
			want := conflictsWith(all, e)
			if got := taken.conflicts(e); got != want {
				t.Fatalf("round %d: conflicts(%+v) = %v, a scan of %v says %v", round, e, got, all, want)
			}
			if !want {
				taken.add(e)
				all = append(all, e)
			}
		}
	}
}
