package report

import (
	"bufio"
	"fmt"
	"slices"
	"strings"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/coverage"
)

// maxWatches bounds the log sources listed per technique: the first few
// say what kind of telemetry ATT&CK means, the rest is on its page.
const maxWatches = 6

// mdWatches writes what ATT&CK's analytics say to watch for t on the
// platforms in scope, as distinct "log channel" pairs.
func mdWatches(b *bufio.Writer, m *coverage.Model, t *attack.Technique) {
	var seen []string
	for _, w := range m.Watches(t) {
		s := w.Log
		if w.Channel != "" {
			s += " " + w.Channel
		}
		if !slices.Contains(seen, s) {
			seen = append(seen, s)
		}
	}
	if len(seen) == 0 {
		return
	}
	more := ""
	if len(seen) > maxWatches {
		more = fmt.Sprintf("; and %d more", len(seen)-maxWatches)
		seen = seen[:maxWatches]
	}
	fmt.Fprintf(b, "  - ATT&CK watches on %s: %s%s\n", strings.Join(m.WatchPlatforms(), ", "), cell(strings.Join(seen, "; ")), more)
}

// writeRulesWithEvidence lists rules by name, each with how what it
// watches meets ATT&CK's analytics for t when its condition was
// analysed; "–" for none.
func writeRulesWithEvidence(b *bufio.Writer, m *coverage.Model, rs []*coverage.Rule, t *attack.Technique) {
	if len(rs) == 0 {
		b.WriteString("–")
		return
	}
	for i, r := range rs {
		if i > 0 {
			b.WriteString(", ")
		}
		writeCell(b, r.Name)
		if v := m.Evidence(r, t); v != nil {
			b.WriteString(" (")
			b.WriteString(v.Level.String())
			b.WriteByte(')')
		}
	}
}
