package condition

import (
	"testing"

	"github.com/falcomitre/falcomitre/internal/sharedtest"
	"github.com/falcomitre/falcomitre/rules"
)

// falcosecurity are the three current falcosecurity rules files, the
// workload of BENCHMARKS.md.
func falcosecurity(tb testing.TB) []string { return sharedtest.Falcosecurity(tb) }

// BenchmarkAnalyze measures Analyze alone on the three loaded files.
func BenchmarkAnalyze(b *testing.B) {
	set, err := rules.Load(falcosecurity(b)...)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if res := Analyze(set); len(res.Errors) > 0 {
			b.Fatal(res.Errors[0])
		}
	}
}
