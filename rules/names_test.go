package rules

import (
	"regexp"
	"testing"
)

// TestNameMatchers holds the byte loops to the expressions Falco uses.
func TestNameMatchers(t *testing.T) {
	macroRE := regexp.MustCompile(`^[a-zA-Z]+[a-zA-Z0-9_]*$`)
	listRE := regexp.MustCompile(`^[^()"'[:space:]=,]+$`)
	for _, s := range []string{
		"", "a", "Z", "_a", "1a", "a1_", "open_write", "a-b", "a b", "a.b", "é", "aé",
		"bin_dirs", "/usr/bin", "a(b", "a)b", `a"b`, "a'b", "a=b", "a,b", "a\tb", "a\nb",
		"a\vb", "a\fb", "a\rb", "a\x85b", "a\u00a0b", "\xff", "a\xffb", "k8s.io", "*",
	} {
		if got, want := isMacroName(s), macroRE.MatchString(s); got != want {
			t.Errorf("isMacroName(%q) = %v, want %v", s, got, want)
		}
		if got, want := isListName(s), listRE.MatchString(s); got != want {
			t.Errorf("isListName(%q) = %v, want %v", s, got, want)
		}
	}
}
