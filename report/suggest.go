package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/falcomitre/falcomitre/suggest"
)

// Suggestions is what falcomitre suggest found: the candidates for each
// rule that needs a technique.
type Suggestions struct {
	ATTACK string `json:"attack"` // "enterprise-attack 18.1"
	// Rules is how many rules were read; Suggestions has an entry for
	// each that needed one.
	Rules       int                  `json:"rules"`
	Suggestions []suggest.Suggestion `json:"suggestions"`
}

// WriteSuggestions renders suggestions as text or JSON. The JSON shape
// only ever gains fields.
func WriteSuggestions(w io.Writer, s *Suggestions, format string) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if s.Suggestions == nil {
			s.Suggestions = []suggest.Suggestion{}
		}
		return enc.Encode(s)
	case "text":
	default:
		return fmt.Errorf("unknown format %q (want text or json)", format)
	}
	// Buffered straight to w: 100k rules make a 50 MB report, which a
	// builder grew by doubling.
	b := bufio.NewWriterSize(w, 64<<10)
	for _, sg := range s.Suggestions {
		fmt.Fprintf(b, "%s:%d: %q: %s\n", sg.File, sg.Line, sg.Rule, sg.Why)
		if len(sg.Candidates) == 0 {
			b.WriteString("  no technique fits\n")
		}
		for i, c := range sg.Candidates {
			fmt.Fprintf(b, "  %d. %s %s [%s]\n", i+1, c.ID, c.Name, strings.Join(c.Tactics, ", "))
			for _, r := range c.Reasons {
				b.WriteString("     ")
				b.WriteString(r)
				b.WriteByte('\n')
			}
		}
	}
	fmt.Fprintf(b, "%s of %d need a technique; ATT&CK %s. Suggestions only: read the technique's page before tagging.\n",
		plural(len(s.Suggestions), "rule"), s.Rules, s.ATTACK)
	return b.Flush()
}
