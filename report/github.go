package report

import (
	"bufio"
	"errors"
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

// Write implements Writer. Each command is written in pieces, with no
// string made for it: 120k findings made it cost more than the checks.
func (GitHub) Write(w io.Writer, r *check.Report) error {
	c := &commandWriter{w: bufio.NewWriterSize(w, 64<<10)}
	for i := range r.Findings {
		f := &r.Findings[i]
		c.start(githubLevel(f.Severity), f.Range, f.Code)
		dataEscaper.WriteString(c.w, f.Message)
		if t := f.Technique; t != nil {
			// A second line of the annotation: the page teaches more
			// than the message can.
			c.w.WriteString("%0A")
			dataEscaper.WriteString(c.w, t.ID)
			c.w.WriteByte(' ')
			dataEscaper.WriteString(c.w, t.Name)
			c.w.WriteString(" (")
			for j, tac := range t.Tactics {
				if j > 0 {
					c.w.WriteString(", ")
				}
				dataEscaper.WriteString(c.w, tac)
			}
			c.w.WriteString("): ")
			dataEscaper.WriteString(c.w, t.URL)
		}
		c.w.WriteByte('\n')
	}
	for _, err := range r.Errors {
		rg, msg := diag.Range{}, err.Error()
		var ie *diag.InputError
		if errors.As(err, &ie) {
			rg, msg = ie.Range, ie.Msg
		}
		c.start("error", rg, "falcomitre: input not checked")
		dataEscaper.WriteString(c.w, msg)
		c.w.WriteByte('\n')
	}
	return c.w.Flush()
}

// commandWriter writes workflow commands.
type commandWriter struct {
	w   *bufio.Writer
	num []byte
}

// start writes a command up to its message: ::level props::
func (c *commandWriter) start(level string, r diag.Range, title string) {
	c.w.WriteString("::")
	c.w.WriteString(level)
	c.w.WriteByte(' ')
	if r.File != "" {
		c.w.WriteString("file=")
		propertyEscaper.WriteString(c.w, r.File)
		c.w.WriteByte(',')
	}
	if r.Start.IsValid() {
		c.prop("line=", r.Start.Line)
		c.prop("col=", r.Start.Column)
		if r.End.IsValid() {
			c.prop("endLine=", r.End.Line)
			c.prop("endColumn=", r.End.Column)
		}
	}
	c.w.WriteString("title=")
	propertyEscaper.WriteString(c.w, title)
	c.w.WriteString("::")
}

func (c *commandWriter) prop(name string, v int) {
	c.num = strconv.AppendInt(append(c.num[:0], name...), int64(v), 10)
	c.num = append(c.num, ',')
	c.w.Write(c.num)
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
