package check_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/condition"
	"github.com/falcomitre/falcomitre/evidence"
	"github.com/falcomitre/falcomitre/rules"
)

// falcosecurity are the three current falcosecurity rules files in the
// shared corpus, the benchmark every figure in BENCHMARKS.md is about.
func falcosecurity(tb testing.TB) []string {
	root := filepath.Join("..", "..", "shared", "corpus", "falcosecurity__rules")
	files := []string{
		filepath.Join(root, "falco-rules-5.1.0", "rules__falco_rules.yaml"),
		filepath.Join(root, "falco-incubating-rules-6.0.1", "rules__falco-incubating_rules.yaml"),
		filepath.Join(root, "falco-sandbox-rules-6.1.0", "rules__falco-sandbox_rules.yaml"),
	}
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			tb.Skipf("shared corpus not found (it lives in ../shared beside the repository): %v", err)
		}
	}
	return files
}

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
