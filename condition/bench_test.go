package condition

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/falcomitre/falcomitre/rules"
)

// falcosecurity are the three current falcosecurity rules files of the
// shared corpus, the workload of BENCHMARKS.md.
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
