// Package report writes a check.Report in the formats people and CI read.
// Every writer takes the whole report and an io.Writer and never inspects
// the terminal: the caller says whether to use colour.
package report

import (
	"fmt"
	"io"
	"sort"

	"github.com/falcomitre/falcomitre/check"
)

// Writer renders a report.
type Writer interface {
	Write(w io.Writer, r *check.Report) error
}

// Options are what the caller knows about the destination.
type Options struct {
	Color bool // ANSI colour, for a terminal
}

// Formats lists the names New accepts.
func Formats() []string {
	out := make([]string, 0, len(writers))
	for k := range writers {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

var writers = map[string]func(Options) Writer{
	"text":     func(o Options) Writer { return &Text{Color: o.Color} },
	"json":     func(Options) Writer { return &JSON{} },
	"sarif":    func(Options) Writer { return &SARIF{} },
	"github":   func(Options) Writer { return &GitHub{} },
	"markdown": func(Options) Writer { return &Markdown{} },
	"junit":    func(Options) Writer { return &JUnit{} },
}

// New returns the writer for a format name.
func New(format string, opt Options) (Writer, error) {
	mk, ok := writers[format]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want one of %v)", format, Formats())
	}
	return mk(opt), nil
}
