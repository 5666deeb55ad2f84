package check

import "sync"

// gather puts the findings of ranges of rules, checked on every core and
// finished in any order, into one slice in range order. Each range's
// findings are made in a scratch slice that the next range reuses and
// are copied out once the ranges before it are in: a large run's
// findings are tens of megabytes, and a slice per range copied into the
// result at the end held them twice.
type gather struct {
	mu      sync.Mutex
	rules   int // in the run
	next    int // the range to copy out next
	size    int // rules per range
	waiting map[int][]Finding
	spare   [][]Finding
	out     []Finding
}

func newGather(rules, size int) *gather {
	return &gather{rules: rules, size: size, waiting: map[int][]Finding{}}
}

// put hands in the findings of range k and returns a scratch slice for
// the next range.
func (g *gather) put(k int, fs []Finding) []Finding {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.waiting[k] = fs
	for {
		fs, ok := g.waiting[g.next]
		if !ok {
			break
		}
		delete(g.waiting, g.next)
		g.next++
		g.add(fs)
		g.spare = append(g.spare, fs[:0])
	}
	if n := len(g.spare); n > 0 {
		fs := g.spare[n-1]
		g.spare = g.spare[:n-1]
		return fs
	}
	// Every scratch slice waits for an earlier range: a new one, sized
	// on the ranges so far, which are alike, to spare growing it.
	if g.next == 0 {
		return nil
	}
	n := len(g.out) / g.next
	return make([]Finding, 0, n+n/8+8)
}

// add appends fs to the result. Its room is sized once, on what the
// ranges in so far found per rule, as ranges are alike: growing it by
// doubling would copy it all again.
func (g *gather) add(fs []Finding) {
	if len(g.out)+len(fs) > cap(g.out) {
		done := min(g.next*g.size, g.rules)
		want := len(g.out) + len(fs)
		est := want * g.rules / max(done, 1)
		est += est/16 + 16
		if cap(g.out) > 0 {
			// The estimate was short: grow by a quarter at least, so
			// that a run whose findings gather at its end copies them
			// a few times, not once per range.
			est = max(est, cap(g.out)+cap(g.out)/4)
		}
		out := make([]Finding, len(g.out), max(est, want))
		copy(out, g.out)
		g.out = out
	}
	g.out = append(g.out, fs...)
}

// findings returns the result, nil when there are none.
func (g *gather) findings() []Finding {
	if len(g.out) == 0 {
		return nil
	}
	return g.out
}
