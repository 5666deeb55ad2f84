package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/diag"
)

// Text writes one line per finding, file:line:col: severity: message
// [code], followed, when the finding is about a technique, by an indented
// line with its name, tactics and ATT&CK page; files are separated by a
// blank line, and a summary line ends the report. The form
// is the one compilers use, so editors and CI logs make it a link.
type Text struct {
	Color bool
}

const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiDim   = "\x1b[2m"
)

// severityColor maps a severity to its colour in one place.
func severityColor(s diag.Severity) string {
	switch s {
	case diag.Error:
		return "\x1b[31m"
	case diag.Warning:
		return "\x1b[33m"
	default:
		return "\x1b[36m"
	}
}

func (t *Text) paint(code, s string) string {
	if !t.Color {
		return s
	}
	return code + s + ansiReset
}

// Write implements Writer.
func (t *Text) Write(w io.Writer, r *check.Report) error {
	bw := bufio.NewWriter(w)
	file := ""
	for i, f := range r.Findings {
		if i > 0 && f.Range.File != file {
			bw.WriteByte('\n')
		}
		file = f.Range.File
		sev := f.Severity.String()
		fmt.Fprintf(bw, "%s: %s: %s %s\n",
			t.paint(ansiBold, f.Range.String()),
			t.paint(severityColor(f.Severity), sev),
			f.Message,
			t.paint(ansiDim, "["+f.Code+"]"))
		if tech := f.Technique; tech != nil {
			// The link teaches more than any message can.
			fmt.Fprintf(bw, "    %s %s (%s): %s\n", tech.ID, tech.Name, strings.Join(tech.Tactics, ", "), t.paint(ansiDim, tech.URL))
		}
	}
	if len(r.Findings) > 0 {
		bw.WriteByte('\n')
	}
	fmt.Fprintln(bw, Summary(r))
	return bw.Flush()
}

// Summary is the one-line account of a report: counts by severity, rules,
// files and the ATT&CK data used.
func Summary(r *check.Report) string {
	counts := map[diag.Severity]int{}
	for _, f := range r.Findings {
		counts[f.Severity]++
	}
	var parts []string
	for _, s := range []diag.Severity{diag.Error, diag.Warning, diag.Note} {
		parts = append(parts, plural(counts[s], s.String()))
	}
	line := fmt.Sprintf("%s in %s from %s; ATT&CK %s %s (%s)",
		strings.Join(parts, ", "), plural(r.Rules, "rule"), plural(len(r.Files), "file"),
		r.ATTACK.Domain, r.ATTACK.Version, r.ATTACK.Source)
	if n := len(r.Suppressed); n > 0 {
		line += fmt.Sprintf("; %d suppressed", n)
	}
	if n := len(r.Errors); n > 0 {
		line += fmt.Sprintf("; %s could not be checked", plural(n, "input"))
	}
	return line
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
