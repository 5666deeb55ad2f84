package rulegen_test

import (
	"fmt"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/internal/rulegen"
	"github.com/falcomitre/falcomitre/rules"
)

// BenchmarkScale loads and checks generated rule sets of growing size:
// the time per rule should stay flat.
func BenchmarkScale(b *testing.B) {
	cat, err := attack.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1000, 10000} {
		paths, err := rulegen.Write(b.TempDir(), n)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				set, err := rules.Load(paths...)
				if err != nil {
					b.Fatal(err)
				}
				check.Run(set, cat, check.Options{})
			}
		})
	}
}

// TestScaleSmall keeps the generator honest: its output loads without
// errors and gives findings of several kinds.
func TestScaleSmall(t *testing.T) {
	paths, err := rulegen.Write(t.TempDir(), 200)
	if err != nil {
		t.Fatal(err)
	}
	set, err := rules.Load(paths...)
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Errs()) > 0 || len(set.Rules) != 200 {
		t.Fatalf("%d rules, errors %v", len(set.Rules), set.Errs())
	}
	cat, _ := attack.Embedded()
	codes := map[string]bool{}
	for _, f := range check.Run(set, cat, check.Options{}).Findings {
		codes[f.Code] = true
	}
	if len(codes) < 5 {
		t.Errorf("only %d kinds of findings: %v", len(codes), codes)
	}
}
