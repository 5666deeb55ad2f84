package coverage_test

import (
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/coverage"
)

// TestCompareLower: CompareLower orders as comparing ToLower's results.
func TestCompareLower(t *testing.T) {
	words := []string{
		"", "a", "A", "ab", "aB", "Ab", "abc", "b", "B", "Z", "_", "[", "`", "{",
		"Read sensitive file", "read Sensitive file", "Read sensitive files",
		"É", "é", "e", "aÉ", "aé", "aÅ", "İ", "i", "ß", "ẞ", "K", "\u212a", "k",
		"a\xffb", "a\xff", "A\xfe", "\xff", "日本", "日本語", "a日", "A日b",
	}
	for _, a := range words {
		for _, b := range words {
			want := strings.Compare(strings.ToLower(a), strings.ToLower(b))
			if got := coverage.CompareLower(a, b); got != want {
				t.Errorf("CompareLower(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
	}
}

func FuzzCompareLower(f *testing.F) {
	f.Add("Rule A", "rule b")
	f.Add("aÉ", "AÉ")
	f.Fuzz(func(t *testing.T, a, b string) {
		want := strings.Compare(strings.ToLower(a), strings.ToLower(b))
		if got := coverage.CompareLower(a, b); got != want {
			t.Errorf("CompareLower(%q, %q) = %d, want %d", a, b, got, want)
		}
	})
}
