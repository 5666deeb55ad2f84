package par

import (
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
