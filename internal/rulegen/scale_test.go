package rulegen_test

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/condition"
	"github.com/falcomitre/falcomitre/evidence"
	"github.com/falcomitre/falcomitre/internal/rulegen"
	"github.com/falcomitre/falcomitre/report"
	"github.com/falcomitre/falcomitre/rules"
)

// BenchmarkScale loads and checks generated rule sets of growing size:
// the time per rule should stay flat.
func BenchmarkScale(b *testing.B) {
	cat, err := attack.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1000, 10000, 100000} {
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
				obs := evidence.Observations(condition.Analyze(set))
				check.Run(set, cat, check.Options{Observations: obs})
			}
		})
	}
}

// TestScaleSmall keeps the generator honest: its output loads without
// errors and gives findings of several kinds.
func TestScaleSmall(t *testing.T) {
	set := rulegen.Set(t, 200)
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

// TestParallelDeterministic: a set large enough to be parsed in chunks
// and analysed and checked on several goroutines gives the same JSON
// report, byte for byte, as on one core. Under -race it also checks the
// shared state of those goroutines.
func TestParallelDeterministic(t *testing.T) {
	paths, err := rulegen.Write(t.TempDir(), 8000) // a 2.6 MB main file: chunked
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := attack.Embedded()
	run := func(procs int) []byte {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		set, err := rules.Load(paths...)
		if err != nil {
			t.Fatal(err)
		}
		obs := evidence.Observations(condition.Analyze(set))
		rep := check.Run(set, cat, check.Options{Observations: obs})
		var b bytes.Buffer
		if err := (report.JSON{}).Write(&b, rep); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	one, four := run(1), run(4)
	if !bytes.Equal(one, four) {
		t.Fatalf("reports differ: %d bytes on one core, %d on four", len(one), len(four))
	}
}
