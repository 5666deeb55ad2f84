package rulegen

import (
	"testing"

	"github.com/falcomitre/falcomitre/rules"
)

// Set writes n rules into a temporary directory of tb and loads them, for
// tests and benchmarks; tb fails if they do not load cleanly.
func Set(tb testing.TB, n int) *rules.Set {
	tb.Helper()
	paths, err := Write(tb.TempDir(), n)
	if err != nil {
		tb.Fatal(err)
	}
	set, err := rules.Load(paths...)
	if err != nil {
		tb.Fatal(err)
	}
	if errs := set.Errs(); len(errs) > 0 {
		tb.Fatalf("generated rules do not load: %v", errs[0])
	}
	return set
}
