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

// rulesWithEvidence lists rules by name, each with how what it watches
// meets ATT&CK's analytics for t when its condition was analysed.
func rulesWithEvidence(m *coverage.Model, rs []*coverage.Rule, t *attack.Technique) string {
	if len(rs) == 0 {
		return "–"
	}
	names := make([]string, len(rs))
	for i, r := range rs {
		names[i] = cell(r.Name)
		if v := m.Evidence(r, t); v != nil {
			names[i] += " (" + v.Level.String() + ")"
		}
	}
	return strings.Join(names, ", ")
}
