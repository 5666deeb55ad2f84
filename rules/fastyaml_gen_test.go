package rules_test

import (
	"os"
	"testing"

	"github.com/falcomitre/falcomitre/internal/rulegen"
	"github.com/falcomitre/falcomitre/rules"
)

// The generated rules of the scale benchmarks must take the fast path,
// or the benchmarks measure yaml.v3 instead.
func TestFastDecodeGenerated(t *testing.T) {
	names, err := rulegen.Write(t.TempDir(), 2000)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !rules.CheckFast(t, name, src) {
			t.Errorf("%s: left to yaml.v3", name)
		}
	}
}

// BenchmarkLoadGenerated loads 10k generated rules: the YAML decoding and
// item reading that dominate a large run's load.
func BenchmarkLoadGenerated(b *testing.B) {
	names, err := rulegen.Write(b.TempDir(), 10000)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		rules.LoadFiles(names...)
	}
}
