package rules

import "testing"

// BenchmarkLoadFalcosecurity loads the current falcosecurity/rules
// releases together, the common case for the CLI.
func BenchmarkLoadFalcosecurity(b *testing.B) {
	paths := falcosecurityPaths(b)
	b.ReportAllocs()
	for b.Loop() {
		s, err := Load(paths...)
		if err != nil || len(s.Errs()) > 0 {
			b.Fatal(err, s.Errs())
		}
	}
}
