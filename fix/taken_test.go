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
	for round := range 200 {
		taken := takenEdits{}
		var all []diag.Edit
		for range 300 {
			// Offsets and lengths across bucket bounds.
			e := diag.Edit{File: "f", Offset: r.IntN(3 * bucketBytes), Length: r.IntN(2) * r.IntN(2*bucketBytes) / (1 + r.IntN(100))}
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
