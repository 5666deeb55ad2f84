package par

import (
	"runtime"
	"sync/atomic"
	"testing"
)

func TestRangesCoversEachIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 7, 100, 1001} {
		for _, size := range []int{0, 1, 3, 64, 5000} {
			hits := make([]atomic.Int32, n)
			Ranges(n, size, func(_, lo, hi int) {
				for i := lo; i < hi; i++ {
					hits[i].Add(1)
				}
			})
			for i := range hits {
				if h := hits[i].Load(); h != 1 {
					t.Fatalf("n=%d size=%d: index %d ran %d times", n, size, i, h)
				}
			}
		}
	}
}

// TestRangesOneCoreKeepsSize: on one core the ranges are still at most
// size, in order, on worker 0.
func TestRangesOneCoreKeepsSize(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	next := 0
	Ranges(1001, 64, func(w, lo, hi int) {
		if w != 0 || lo != next || hi-lo > 64 || hi <= lo {
			t.Fatalf("worker %d, range [%d, %d) after %d", w, lo, hi, next)
		}
		next = hi
	})
	if next != 1001 {
		t.Fatalf("ranges ended at %d", next)
	}
}
