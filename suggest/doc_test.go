package suggest

import (
	"regexp"
	"slices"
	"testing"
)

// TestEachOutputPart: the parts are what is left when the fields an
// output prints are blanked out, as the pattern that used to do it did.
func TestEachOutputPart(t *testing.T) {
	field := regexp.MustCompile(`%[A-Za-z0-9_.\[\]]+`)
	for _, out := range []string{
		"", "%", "100%", "%%", "%%proc.name", "a%", "%proc.name",
		"Shell spawned (user=%user.name cmd=%proc.cmdline %container.info)",
		"%evt.arg[0]%fd.name|x %-5 %é%a", "100% sure % of %proc.name.",
	} {
		var parts []string
		eachOutputPart(out, func(p string) { parts = append(parts, p) })
		want := regexp.MustCompile(`\x00`).Split(field.ReplaceAllString(out, "\x00"), -1)
		if !slices.Equal(parts, want) {
			t.Errorf("%q: parts %q, want %q", out, parts, want)
		}
	}
}
