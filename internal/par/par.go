// Package par runs independent work on every core while keeping results
// in input order, so that output stays deterministic.
package par

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Ranges calls work for consecutive ranges [lo, hi) of at most size
// indexes covering [0, n), on up to GOMAXPROCS goroutines. worker numbers
// the goroutine, from 0, so that work can keep per-goroutine state such
// as a cache; ranges go to whichever goroutine is free. With one range
// or one core, everything runs on the calling goroutine.
func Ranges(n, size int, work func(worker, lo, hi int)) {
	if n <= 0 {
		return
	}
	size = max(size, 1)
	shards := (n + size - 1) / size
	workers := min(runtime.GOMAXPROCS(0), shards)
	if workers <= 1 {
		// Still a range at a time: callers size their scratch space on
		// size (a check of 100k rules on one core grew one slice of all
		// its findings by doubling, a quarter of its time).
		for lo := 0; lo < n; lo += size {
			work(0, lo, min(n, lo+size))
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for {
				s := int(next.Add(1) - 1)
				if s >= shards {
					return
				}
				work(w, s*size, min(n, (s+1)*size))
			}
		})
	}
	wg.Wait()
}
