package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
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

// paint writes s to w in colour code when t has colours on.
func (t *Text) paint(w *bufio.Writer, code, s string) {
	if t.Color {
		w.WriteString(code)
	}
	w.WriteString(s)
	if t.Color {
		w.WriteString(ansiReset)
	}
}

// Write implements Writer. It writes each piece as it is, with no
// formatting call or string made per finding: a large report is hundreds
// of thousands of lines, and those made it cost more than the checks.
func (t *Text) Write(w io.Writer, r *check.Report) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var num []byte
	file := ""
	for i := range r.Findings {
		f := &r.Findings[i]
		if i > 0 && f.Range.File != file {
			bw.WriteByte('\n')
		}
		file = f.Range.File
		// f.Range.String()
		if t.Color {
			bw.WriteString(ansiBold)
		}
		bw.WriteString(f.Range.File)
		if f.Range.Start.IsValid() {
			num = append(num[:0], ':')
			num = strconv.AppendInt(num, int64(f.Range.Start.Line), 10)
			num = append(num, ':')
			num = strconv.AppendInt(num, int64(f.Range.Start.Column), 10)
			bw.Write(num)
		}
		if t.Color {
			bw.WriteString(ansiReset)
		}
		bw.WriteString(": ")
		t.paint(bw, severityColor(f.Severity), f.Severity.String())
		bw.WriteString(": ")
		bw.WriteString(f.Message)
		bw.WriteByte(' ')
		if t.Color {
			bw.WriteString(ansiDim)
		}
		bw.WriteByte('[')
		bw.WriteString(f.Code)
		bw.WriteByte(']')
		if t.Color {
			bw.WriteString(ansiReset)
		}
		bw.WriteByte('\n')
		if tech := f.Technique; tech != nil {
			// The link teaches more than any message can.
			bw.WriteString("    ")
			bw.WriteString(tech.ID)
			bw.WriteByte(' ')
			bw.WriteString(tech.Name)
			bw.WriteString(" (")
			for j, tac := range tech.Tactics {
				if j > 0 {
					bw.WriteString(", ")
				}
				bw.WriteString(tac)
			}
			bw.WriteString("): ")
			t.paint(bw, ansiDim, tech.URL)
			bw.WriteByte('\n')
		}
	}
	if len(r.Findings) > 0 {
		bw.WriteByte('\n')
	}
	bw.WriteString(Summary(r))
	bw.WriteByte('\n')
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
