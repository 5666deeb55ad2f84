package check_test

import (
	"github.com/falcomitre/falcomitre/internal/sharedtest"
	"testing"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/condition"
	"github.com/falcomitre/falcomitre/evidence"
	"github.com/falcomitre/falcomitre/rules"
)

// falcosecurity are the three current falcosecurity rules files, the
// workload of BENCHMARKS.md.
func falcosecurity(tb testing.TB) []string { return sharedtest.Falcosecurity(tb) }

// BenchmarkRun measures the checks alone on loaded rules.
func BenchmarkRun(b *testing.B) {
	set, err := rules.Load(falcosecurity(b)...)
	if err != nil {
		b.Fatal(err)
	}
	cat := embedded(b)
	b.ResetTimer()
	for b.Loop() {
		check.Run(set, cat, check.Options{})
	}
}

// BenchmarkLoadAndRun measures what a check run does after start-up:
// load the three files and check them.
func BenchmarkLoadAndRun(b *testing.B) {
	files := falcosecurity(b)
	cat := embedded(b)
	b.ResetTimer()
	for b.Loop() {
		set, err := rules.Load(files...)
		if err != nil {
			b.Fatal(err)
		}
		check.Run(set, cat, check.Options{})
	}
}

// BenchmarkLoadAnalyzeAndRun is falcomitre check with evidence after
// start-up: load the three files, analyse their conditions and run every
// check, weak-evidence and platform-mismatch included.
func BenchmarkLoadAnalyzeAndRun(b *testing.B) {
	files := falcosecurity(b)
	cat := embedded(b)
	b.ResetTimer()
	for b.Loop() {
		set, err := rules.Load(files...)
		if err != nil {
			b.Fatal(err)
		}
		check.Run(set, cat, check.Options{Observations: evidence.Observations(condition.Analyze(set))})
	}
}

// BenchmarkRunEvidence is the checks alone with observations, analysed
// once outside the loop.
func BenchmarkRunEvidence(b *testing.B) {
	set, err := rules.Load(falcosecurity(b)...)
	if err != nil {
		b.Fatal(err)
	}
	cat := embedded(b)
	opt := check.Options{Observations: evidence.Observations(condition.Analyze(set))}
	b.ResetTimer()
	for b.Loop() {
		check.Run(set, cat, opt)
	}
}
