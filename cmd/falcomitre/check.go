package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/internal/version"
	"github.com/falcomitre/falcomitre/report"
	"github.com/falcomitre/falcomitre/rules"
	"github.com/spf13/cobra"
)

type checkFlags struct {
	format string
	output string
	failOn string
	color  string
	data   dataFlags
	fix    fixFlags
}

func newCheckCmd() *cobra.Command {
	var f checkFlags
	cmd := &cobra.Command{
		Use:   "check [flags] PATH...",
		Short: "Check the ATT&CK tags of Falco rules files",
		Long: `Check loads the given Falco rules files in order, as falco -r does (a directory
stands for its *.yaml and *.yml files, sorted by path), works out every rule's
effective tags and checks them against MITRE ATT&CK.

Exit status: 0 when no finding is at or above --fail-on, 1 when some are,
2 when an input could not be checked (its error is printed as file:line:col).

With --fix, the fixable findings are fixed in place first (see falcomitre
fix --help) and the report shows what remains; --diff prints the fixes as a
unified diff instead.`,
		Example: `  falcomitre check examples/rules/
  falcomitre check falco_rules.yaml falco_rules.local.yaml
  falcomitre check --format json rules/ > report.json
  falcomitre check --attack-data enterprise-attack-17.1.json.gz rules/
  falcomitre check --fix rules/
  falcomitre check --diff --fix-only non-canonical-tag rules/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(cmd, f, args)
		},
	}
	f.register(cmd, false)
	return cmd
}

// register adds the flags check and fix share.
func (f *checkFlags) register(cmd *cobra.Command, fixCmd bool) {
	fl := cmd.Flags()
	fl.StringVarP(&f.format, "format", "f", "text", "output format: "+fmt.Sprint(report.Formats()))
	fl.StringVarP(&f.output, "output", "o", "", "write the report to this file instead of standard output")
	fl.StringVar(&f.failOn, "fail-on", "error", "exit 1 on findings at or above this severity: error, warning, note or never")
	fl.StringVar(&f.color, "color", "auto", "colour the text output: auto, always or never")
	f.data.register(cmd)
	f.fix.register(cmd, fixCmd)
}

func runCheck(cmd *cobra.Command, f checkFlags, args []string) error {
	var failOn diag.Severity
	if f.failOn != "never" {
		var err error
		if failOn, err = diag.ParseSeverity(f.failOn); err != nil {
			return &exitError{exitInput, fmt.Errorf("--fail-on: %w", err)}
		}
	}
	out := cmd.OutOrStdout()
	color, err := useColor(f.color, out, f.output)
	if err != nil {
		return &exitError{exitInput, err}
	}
	w, err := report.New(f.format, report.Options{Color: color})
	if err != nil {
		return &exitError{exitInput, fmt.Errorf("--format: %w", err)}
	}
	policy, fixing, err := f.fix.policy()
	if err != nil {
		return &exitError{exitInput, err}
	}
	cat, err := f.data.load()
	if err != nil {
		return &exitError{exitInput, err}
	}
	set, err := rules.Load(args...)
	if err != nil {
		return &exitError{exitInput, err}
	}
	stderr := cmd.ErrOrStderr()
	var fixErr error
	if fixing {
		fixed, err := runFix(cmd, f.fix, policy, set, cat)
		fixErr = err
		if fixed == nil {
			// Some file was not written: report what is on disk.
			if fixed, err = rules.Load(args...); err != nil {
				return &exitError{exitInput, errors.Join(fixErr, err)}
			}
		}
		set = fixed
	}
	rep := check.Run(set, cat, check.Options{})
	rep.Tool = check.Tool{Name: "falcomitre", Version: version.Version()}

	// With --diff the diff is the output; a report goes only to --output.
	if !f.fix.diff || f.output != "" {
		if err := writeReport(w, rep, out, f.output); err != nil {
			return &exitError{exitInput, err}
		}
	}
	if fixing {
		tellUnfixed(stderr, rep, policy)
	}
	if fixErr != nil {
		fmt.Fprintln(stderr, fixErr)
	}
	for _, e := range rep.Errors {
		fmt.Fprintln(stderr, e)
	}
	switch {
	case len(rep.Errors) > 0 || fixErr != nil:
		return &exitError{code: exitInput}
	case failOn != 0 && rep.Count(failOn) > 0:
		return &exitError{code: exitFindings}
	}
	return nil
}

func writeReport(w report.Writer, rep *check.Report, stdout io.Writer, path string) error {
	if path == "" {
		return w.Write(stdout, rep)
	}
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

// useColor decides on colour once, for writers that never probe the
// terminal themselves: auto means a terminal and no NO_COLOR.
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
