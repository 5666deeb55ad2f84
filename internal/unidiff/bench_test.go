package unidiff

import (
	"fmt"
	"io"
	"strings"
	"testing"
)

// BenchmarkWrite diffs a 33 MB text of a million lines with a changed
// tag in every twentieth line, the shape of a fix of 100k generated
// rules.
func BenchmarkWrite(b *testing.B) {
	var sb strings.Builder
	var es []edit
	for i := range 1_000_000 {
		if i%20 == 7 {
			sb.WriteString("  tags: [container, ")
			es = append(es, edit{sb.Len(), len("MITRE_TA0005_defense_evasion"), "mitre_defense_evasion"})
			sb.WriteString("MITRE_TA0005_defense_evasion, T1070.002]\n")
			continue
		}
		fmt.Fprintf(&sb, "  line: %d of the generated rules\n", i)
	}
	old := sb.String()
	new, cs := edited(old, es)
	o, n := []byte(old), []byte(new)
	b.SetBytes(int64(len(o)))
	for b.Loop() {
		if err := Write(io.Discard, "a", "b", o, n, cs); err != nil {
			b.Fatal(err)
		}
	}
}
