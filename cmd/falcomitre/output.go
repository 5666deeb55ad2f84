package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/report"
)

// outputFlags say which reports a run writes, and where.
//
// --format is repeatable and each takes NAME or NAME=FILE, so that one
// run can annotate a pull request and upload SARIF without checking
// twice: --format github --format sarif=results.sarif. A format without
// a file goes to --output when that is given (the one-report form,
// --format json --output report.json) and otherwise to standard output,
// which only one report may use. "-" as FILE is standard output. "=" is
// the separator, not golangci-lint's ":", which Windows paths contain.
type outputFlags struct {
	formats []string
	output  string
	color   string
	noColor bool
	quiet   bool
}

func (o *outputFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringArrayVarP(&o.formats, "format", "f", nil,
		"report format, NAME or NAME=FILE; repeat for several reports ("+strings.Join(report.Formats(), ", ")+"; default text)")
	fl.StringVarP(&o.output, "output", "o", "", "write the report whose --format names no file to this file instead of standard output")
	fl.StringVar(&o.color, "color", "auto", "colour the text report: auto (a terminal, and NO_COLOR unset), always or never")
	fl.BoolVar(&o.noColor, "no-color", false, "never colour the text report (as --color never)")
	fl.BoolVarP(&o.quiet, "quiet", "q", false, "write no report to standard output, only to files; the exit status tells the outcome")
}

// output is one report to write.
type output struct {
	format string
	path   string // "" for standard output
	w      report.Writer
}

// outputs checks the flags and returns the reports to write, each with a
// writer told whether to colour.
func (o *outputFlags) outputs(stdout io.Writer) ([]output, error) {
	mode := o.color
	if o.noColor {
		mode = "never"
	}
	specs := o.formats
	if len(specs) == 0 {
		specs = []string{"text"}
	}
	var outs []output
	bare := 0
	for _, s := range specs {
		name, path, hasPath := strings.Cut(s, "=")
		if hasPath && path == "" {
			return nil, fmt.Errorf("--format %s: no file after =", s)
		}
		if !hasPath {
			bare++
			path = o.output
		}
		if path == "-" {
			path = ""
		}
		outs = append(outs, output{format: name, path: path})
	}
	if o.output != "" && bare > 1 {
		return nil, errors.New("--output names one file for several formats; give each its own with --format NAME=FILE")
	}
	toStdout, files := 0, map[string]bool{}
	for i := range outs {
		out := &outs[i]
		if out.path == "" {
			toStdout++
		} else {
			clean := filepath.Clean(out.path)
			if files[clean] {
				return nil, fmt.Errorf("--format: two reports would go to %s", out.path)
			}
			files[clean] = true
		}
		color, err := useColor(mode, stdout, out.path)
		if err != nil {
			return nil, err
		}
		if out.w, err = report.New(out.format, report.Options{Color: color}); err != nil {
			return nil, fmt.Errorf("--format: %w", err)
		}
	}
	if toStdout > 1 {
		return nil, errors.New("--format: only one report can go to standard output; give the others a file with --format NAME=FILE")
	}
	if o.quiet {
		kept := outs[:0]
		for _, out := range outs {
			if out.path != "" {
				kept = append(kept, out)
			}
		}
		outs = kept
	}
	return outs, nil
}

// writeOutputs writes every report; filesOnly skips the one on standard
// output (with --diff the diff is the output there).
func writeOutputs(outs []output, rep *check.Report, stdout io.Writer, filesOnly bool) error {
	var errs []error
	for _, out := range outs {
		switch {
		case out.path != "":
			errs = append(errs, writeFile(out.w, rep, out.path))
		case !filesOnly:
			errs = append(errs, out.w.Write(stdout, rep))
		}
	}
	return errors.Join(errs...)
}

func writeFile(w report.Writer, rep *check.Report, path string) error {
	fh, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := w.Write(fh, rep); err != nil {
		fh.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return fh.Close()
}

// useColor decides on colour once per report, for writers that never
// probe the terminal themselves: auto means standard output, a terminal,
// and no NO_COLOR (https://no-color.org: set and not empty).
func useColor(mode string, out io.Writer, path string) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		if path != "" || os.Getenv("NO_COLOR") != "" {
			return false, nil
		}
		fh, ok := out.(*os.File)
		if !ok {
			return false, nil
		}
		st, err := fh.Stat()
		return err == nil && st.Mode()&os.ModeCharDevice != 0, nil
	}
	return false, fmt.Errorf("--color: want auto, always or never, not %q", mode)
}
