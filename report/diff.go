package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/falcomitre/falcomitre/diff"
)

// WriteDiff renders what falcomitre attack diff found, as text or JSON.
// The JSON is the diff.Report itself; the text groups the changes by ID,
// each rule's tag under the ID it names with what to write instead, and
// ends with a summary line.
func WriteDiff(w io.Writer, d *diff.Report, format string) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(d)
	case "text":
	default:
		return fmt.Errorf("unknown format %q (want text or json)", format)
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s %s (%s) → %s (%s)\n", d.From.Domain, d.From.Version, d.From.Source, d.To.Version, d.To.Source)
	if d.Scope == diff.ScopeRules {
		fmt.Fprintf(bw, "the ATT&CK tags of %s in %s\n", plural(d.Rules, "rule"), fileList(d.Files))
	} else {
		fmt.Fprintf(bw, "every technique and tactic of %s\n", d.From.Version)
	}
	for i := 0; i < len(d.Changes); {
		j := i
		for j < len(d.Changes) && d.Changes[j].ID == d.Changes[i].ID {
			j++
		}
		writeDiffGroup(bw, d.Changes[i:j], d.To.Version)
		i = j
	}
	fmt.Fprintf(bw, "\n%s\n", DiffSummary(d))
	return bw.Flush()
}

// writeDiffGroup writes one ID's changes: a heading, one line per change,
// the ATT&CK page, and the rules' tags that name the ID.
func writeDiffGroup(w io.Writer, cs []diff.Change, to string) {
	fmt.Fprintf(w, "\n%s %s\n", cs[0].ID, cs[0].Name)
	type key struct {
		file      string
		line, col int
	}
	seen := map[key]bool{}
	var uses []diff.Use
	for _, c := range cs {
		fmt.Fprintf(w, "  %s: %s\n", c.Kind, c.Message)
		for _, u := range c.Rules {
			if k := (key{u.File, u.Line, u.Column}); !seen[k] {
				seen[k] = true
				uses = append(uses, u)
			}
		}
	}
	fmt.Fprintf(w, "  %s\n", cs[0].URL)
	for _, u := range uses {
		var what string
		switch {
		case !u.Stale:
			what = "ok in " + to
		case len(u.ReplaceWith) == 0:
			what = "no replacement: remove it or choose another"
		default:
			what = "→ " + strings.Join(u.ReplaceWith, ", ")
		}
		fmt.Fprintf(w, "    %s:%d:%d: %s %s (rule %q)\n", u.File, u.Line, u.Column, u.Tag, what, u.Rule)
	}
}

// DiffSummary is the one-line account of a diff, worded so that a clean
// upgrade reads as one.
func DiffSummary(d *diff.Report) string {
	s := d.Summary
	head := fmt.Sprintf("%s %s → %s: ", d.From.Domain, d.From.Version, d.To.Version)
	if s.Changes == 0 {
		if d.Scope == diff.ScopeRules {
			return head + fmt.Sprintf("no changes to the %s the rules use", plural(s.Unchanged, "ID"))
		}
		return head + fmt.Sprintf("no changes to the %s compared", plural(s.Unchanged, "ID"))
	}
	unchanged := plural(s.Unchanged, "ID") + " unchanged"
	if d.Scope == diff.ScopeRules {
		unchanged = fmt.Sprintf("%d of the rules' IDs unchanged", s.Unchanged)
	}
	var kinds []string
	for _, k := range diff.Kinds() {
		if n := s.Kinds[k]; n > 0 {
			kinds = append(kinds, fmt.Sprintf("%d %s", n, k))
		}
	}
	line := head + fmt.Sprintf("%s to %s (%s); %s",
		plural(s.Changes, "change"), plural(s.Changed, "ID"), strings.Join(kinds, ", "), unchanged)
	if d.Scope == diff.ScopeRules {
		line += fmt.Sprintf("; %s to rewrite", plural(s.StaleTags, "tag"))
	}
	return line
}

// fileList names up to three files, and counts more.
func fileList(files []string) string {
	if len(files) > 3 {
		return plural(len(files), "file")
	}
	return strings.Join(files, ", ")
}
