package report

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/diag"
)

// GitHub writes one GitHub Actions workflow command per finding, so that a
// run in Actions annotates the lines of a pull request:
// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
//
//	::error file=F,line=L,col=C,endLine=L,endColumn=C,title=CODE::MESSAGE
//
// An input that could not be checked becomes an error command too. Nothing
// else is written, so every line is a command.
type GitHub struct{}

// githubLevel maps a severity to a command, in one place; GitHub has no
// "note", and calls it "notice".
func githubLevel(s diag.Severity) string {
	switch s {
	case diag.Error:
		return "error"
	case diag.Warning:
		return "warning"
	}
	return "notice"
}

// Write implements Writer.
func (GitHub) Write(w io.Writer, r *check.Report) error {
	bw := bufio.NewWriter(w)
	for _, f := range r.Findings {
		msg := f.Message
		if t := f.Technique; t != nil {
			// A second line of the annotation: the page teaches more
			// than the message can.
			msg += fmt.Sprintf("\n%s %s (%s): %s", t.ID, t.Name, strings.Join(t.Tactics, ", "), t.URL)
		}
		writeCommand(bw, githubLevel(f.Severity), f.Range, f.Code, msg)
	}
	for _, err := range r.Errors {
		var ie *diag.InputError
		if errors.As(err, &ie) {
			writeCommand(bw, "error", ie.Range, "falcomitre: input not checked", ie.Msg)
		} else {
			writeCommand(bw, "error", diag.Range{}, "falcomitre: input not checked", err.Error())
		}
	}
	return bw.Flush()
}

func writeCommand(w *bufio.Writer, level string, r diag.Range, title, msg string) {
	var props []string
	if r.File != "" {
		props = append(props, "file="+escapeProperty(r.File))
	}
	if r.Start.IsValid() {
		props = append(props, "line="+strconv.Itoa(r.Start.Line), "col="+strconv.Itoa(r.Start.Column))
		if r.End.IsValid() {
			props = append(props, "endLine="+strconv.Itoa(r.End.Line), "endColumn="+strconv.Itoa(r.End.Column))
		}
	}
	props = append(props, "title="+escapeProperty(title))
	fmt.Fprintf(w, "::%s %s::%s\n", level, strings.Join(props, ","), escapeData(msg))
}

// escapeData escapes a command's message as the runner unescapes it
// (actions/toolkit core/src/command.ts): a raw newline would end the
// command and a raw % could read as an escape.
func escapeData(s string) string { return dataEscaper.Replace(s) }

// escapeProperty escapes a property value, where ":" would end the
// properties and "," the value.
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }

// The replacers are made once: built for each call, they were most of a
// large report's time (2 GB of tables for 120k findings).
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)
