package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/falcomitre/falcomitre/check"
)

// WriteExplanation renders what falcomitre explain found, as text or JSON.
func WriteExplanation(w io.Writer, e *check.Explanation, format string) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(e)
	case "text":
	default:
		return fmt.Errorf("unknown format %q (want text or json)", format)
	}
	var b strings.Builder
	if c := e.Check; c != nil {
		fmt.Fprintf(&b, "%s (%s): %s\n\n%s\n", c.Code, c.Severity, c.Title, c.Text)
		_, err := io.WriteString(w, b.String())
		return err
	}
	if e.Note != "" {
		fmt.Fprintf(&b, "%s\n\n", e.Note)
	}
	for _, t := range e.Techniques {
		fmt.Fprintf(&b, "%s %s\n", t.ID, t.Name)
		if t.Revoked {
			var r []string
			for _, x := range t.ReplacedBy {
				r = append(r, x.ID+" "+x.Name)
			}
			line := "revoked"
			if len(r) > 0 {
				line += ": replaced by " + strings.Join(r, ", ")
			}
			fmt.Fprintf(&b, "  %-15s %s\n", "status:", line)
		} else if t.Deprecated {
			fmt.Fprintf(&b, "  %-15s deprecated: tag a current technique instead\n", "status:")
		}
		var tacs []string
		for _, tac := range t.Tactics {
			tacs = append(tacs, fmt.Sprintf("%s (%s, tag %s)", tac.Name, tac.ID, tac.Tag))
		}
		field(&b, "tactics:", strings.Join(tacs, "; "))
		if t.Parent != nil {
			field(&b, "parent:", t.Parent.ID+" "+t.Parent.Name)
		}
		var subs []string
		for _, s := range t.SubTechniques {
			subs = append(subs, s.ID+" "+s.Name)
		}
		field(&b, "sub-techniques:", strings.Join(subs, ", "))
		field(&b, "platforms:", strings.Join(t.Platforms, ", "))
		field(&b, "data sources:", strings.Join(t.DataSources, ", "))
		field(&b, "url:", t.URL)
	}
	if len(e.Techniques) == 0 {
		for _, t := range e.Tactics {
			fmt.Fprintf(&b, "%s %s\n", t.ID, t.Name)
			field(&b, "tag:", t.Tag)
			field(&b, "techniques:", fmt.Sprint(t.Techniques))
			field(&b, "url:", t.URL)
		}
	}
	field(&b, "ATT&CK:", e.Dataset)
	_, err := io.WriteString(w, b.String())
	return err
}

func field(b *strings.Builder, name, value string) {
	if value != "" {
		fmt.Fprintf(b, "  %-15s %s\n", name, value)
	}
}
