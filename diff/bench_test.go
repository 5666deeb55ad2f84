package diff_test

import (
	"path/filepath"
	"testing"

	"github.com/falcomitre/falcomitre/diff"
	"github.com/falcomitre/falcomitre/rules"
)

// BenchmarkRelease13To18 is the whole-release changelog between MITRE's
// 13.1 and 18.1 bundles, loading excluded (each bundle takes a tenth of a
// second or more to read, far more than the comparison).
func BenchmarkRelease13To18(b *testing.B) {
	from := loadShared(b, "enterprise-attack-13.1.stix20.json.gz")
	to := loadShared(b, "enterprise-attack-18.1.stix20.json.gz")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := diff.Compare(from, to, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRules13To18 is the same diff restricted to the example rules.
func BenchmarkRules13To18(b *testing.B) {
	from := loadShared(b, "enterprise-attack-13.1.stix20.json.gz")
	to := loadShared(b, "enterprise-attack-18.1.stix20.json.gz")
	set, err := rules.Load(filepath.Join("..", "examples", "rules"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := diff.Compare(from, to, set); err != nil {
			b.Fatal(err)
		}
	}
}
