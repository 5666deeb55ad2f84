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
			fmt.Fprintf(&b, "  %-17s %s\n", "status:", line)
		} else if t.Deprecated {
			fmt.Fprintf(&b, "  %-17s deprecated: tag a current technique instead\n", "status:")
		}
		var tacs []string
		for _, tac := range t.Tactics {
			tacs = append(tacs, fmt.Sprintf("%s (%s, tag %s)", tac.Name, tac.ID, tac.Tag))
		}
		for _, r := range t.RetiredTactics {
			tacs = append(tacs, r+" (no longer a tactic)")
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
		var mits, comps []string
		for _, m := range t.Mitigations {
			mits = append(mits, m.ID+" "+m.Name)
		}
		for _, d := range t.DataComponents {
			comps = append(comps, defenseName(d))
		}
		field(&b, "mitigations:", strings.Join(mits, ", "))
		field(&b, "data components:", strings.Join(comps, ", "))
		for i, w := range t.Watch {
			name := ""
			if i == 0 {
				name = "ATT&CK watches:"
			}
			fmt.Fprintf(&b, "  %-17s %s %s (%s)\n", name, w.Analytic, strings.Join(w.Platforms, ", "), w.URL)
			for _, ls := range w.LogSources {
				line := ls.Name
				if ls.Channel != "" && ls.Channel != "None" {
					line += " “" + ls.Channel + "”"
				}
				if ls.Component != nil {
					line += " → " + defenseName(*ls.Component)
				}
				fmt.Fprintf(&b, "  %-17s   %s\n", "", line)
			}
		}
		field(&b, "url:", t.URL)
	}
	if f := e.Former; f != nil {
		fmt.Fprintf(&b, "%s %s (in %s)\n", f.ID, f.Name, f.Dataset)
		field(&b, "url:", f.URL)
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

// defenseName is "DC0032 Process Creation", or "Process: Process
// Creation" for the components of releases before 18.
func defenseName(d check.DefenseRef) string {
	switch {
	case d.ID != "":
		return d.ID + " " + d.Name
	case d.DataSource != "":
		return d.DataSource + ": " + d.Name
	}
	return d.Name
}

func field(b *strings.Builder, name, value string) {
	if value != "" {
		fmt.Fprintf(b, "  %-17s %s\n", name, value)
	}
}
