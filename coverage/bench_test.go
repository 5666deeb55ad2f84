package coverage_test

import (
	"testing"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/condition"
	"github.com/falcomitre/falcomitre/coverage"
	"github.com/falcomitre/falcomitre/evidence"
	"github.com/falcomitre/falcomitre/internal/rulegen"
)

// BenchmarkBuild works out the coverage of a generated set as the
// document commands do: with observations and the check report, then
// split by maturity as the overview is.
func BenchmarkBuild(b *testing.B) {
	set := rulegen.Set(b, 5000)
	cat := catalog(b)
	opt := check.Options{Observations: evidence.Observations(condition.Analyze(set))}
	rep := check.Run(set, cat, opt)
	b.ReportAllocs()
	for b.Loop() {
		m, err := coverage.Build(set, cat, coverage.Options{Report: rep, Check: opt})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := m.Split(coverage.SplitMaturity); err != nil {
			b.Fatal(err)
		}
	}
}
