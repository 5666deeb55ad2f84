package check

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

// TestGatherOrder hands in ranges in a random order, with more findings
// towards the end than the first range suggests, and wants them back in
// range order.
func TestGatherOrder(t *testing.T) {
	const ranges, size = 40, 4
	g := newGather(ranges*size, size)
	var want []string
	found := make([][]Finding, ranges)
	for k := range ranges {
		for i := range k * k {
			msg := strconv.Itoa(k) + "/" + strconv.Itoa(i)
			found[k] = append(found[k], Finding{Rule: msg})
			want = append(want, msg)
		}
	}
	for _, k := range rand.New(rand.NewPCG(1, 2)).Perm(ranges) {
		g.put(k, slices.Clone(found[k]))
	}
	got := g.findings()
	if len(got) != len(want) {
		t.Fatalf("got %d findings, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].Rule != want[i] {
			t.Fatalf("finding %d is %q, want %q", i, got[i].Rule, want[i])
		}
	}
}
