package fix_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/fix"
	"github.com/falcomitre/falcomitre/rules"
)

// falcosecurity are the three current falcosecurity rules files of the
// shared corpus, the files every figure in BENCHMARKS.md is about.
func falcosecurity(tb testing.TB) []string {
	root := filepath.Join(corpusDir(tb), "falcosecurity__rules")
	files := []string{
		filepath.Join(root, "falco-rules-5.1.0", "rules__falco_rules.yaml"),
		filepath.Join(root, "falco-incubating-rules-6.0.1", "rules__falco-incubating_rules.yaml"),
		filepath.Join(root, "falco-sandbox-rules-6.1.0", "rules__falco-sandbox_rules.yaml"),
	}
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			tb.Skipf("falcosecurity files not in the corpus: %v", err)
		}
	}
	return files
}

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
