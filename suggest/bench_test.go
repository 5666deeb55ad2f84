package suggest_test

import (
	"testing"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/condition"
	"github.com/falcomitre/falcomitre/evidence"
	"github.com/falcomitre/falcomitre/internal/rulegen"
	"github.com/falcomitre/falcomitre/suggest"
)

// BenchmarkForSet ranks techniques for every rule of a generated set of
// 4000 rules, as falcomitre suggest --all does after loading: the
// figure to track with benchstat.
func BenchmarkForSet(b *testing.B) {
	cat, err := attack.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	set := rulegen.Set(b, 4000)
	obs := evidence.Observations(condition.Analyze(set))
	s := suggest.New(cat)
	b.ReportAllocs()
	for b.Loop() {
		if got := s.ForSet(set, obs, true, 3); len(got) != len(set.Rules) {
			b.Fatalf("%d suggestions for %d rules", len(got), len(set.Rules))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(set.Rules)), "ns/rule")
}
