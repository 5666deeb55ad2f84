package fix_test

import (
	"github.com/falcomitre/falcomitre/internal/sharedtest"
	"testing"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/fix"
	"github.com/falcomitre/falcomitre/rules"
)

// falcosecurity are the three current falcosecurity rules files, the
// workload of BENCHMARKS.md.
func falcosecurity(tb testing.TB) []string { return sharedtest.Falcosecurity(tb) }

// BenchmarkFix measures a fix run over the three files loaded together,
// every fix enabled, in memory: check, apply, verify, parse again, until
// nothing is left. Reading and writing the files are left out.
func BenchmarkFix(b *testing.B) {
	set, err := rules.Load(falcosecurity(b)...)
	if err != nil {
		b.Fatal(err)
	}
	find := finder(catalog(b), everything)
	var res *fix.Result
	b.ResetTimer()
	for b.Loop() {
		res = fix.Run(set.Files, find, fix.Options{})
	}
	b.StopTimer()
	fixes, tags := 0, 0
	for _, f := range res.Files {
		fixes += f.Fixes
		tags += f.Tags
	}
	b.ReportMetric(float64(fixes), "fixes")
	b.ReportMetric(float64(tags), "tags")
	b.ReportMetric(float64(res.Rounds), "rounds")
}

// BenchmarkCheckOnly is the baseline: one load and check of the same
// files, what a fix run does at least once.
func BenchmarkCheckOnly(b *testing.B) {
	files := falcosecurity(b)
	cat := catalog(b)
	b.ResetTimer()
	for b.Loop() {
		set, _ := rules.Load(files...)
		check.Run(set, cat, check.Options{})
	}
}
