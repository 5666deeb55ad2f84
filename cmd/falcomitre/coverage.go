package main

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/falcomitre/falcomitre/coverage"
	"github.com/falcomitre/falcomitre/internal/gitfiles"
	"github.com/falcomitre/falcomitre/report"
	"github.com/falcomitre/falcomitre/rules"
)

func newCoverageCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "coverage",
		Short: "Compare the ATT&CK coverage of two rule sets",
	}
	cmd.AddCommand(newCoverageDiffCmd())
	return cmd
}

type coverageDiffFlags struct {
	doc        docFlags
	layer      layerFlags
	format     string
	base, head string
}

func newCoverageDiffCmd() *cobra.Command {
	var f coverageDiffFlags // a diff shows neither findings nor evidence
	cmd := &cobra.Command{
		Use:   "diff [flags] OLD... -- NEW...  |  diff --base REV [--head REV] RULES...",
		Short: "Show the tactics and techniques a change to the rules gains and loses",
		Long: `Diff compares the ATT&CK coverage of two rule sets, read against the same
ATT&CK data: the tactics some rule tags in one and none in the other, and
each technique (under the tactic the rules tag it with) gained, lost, or
covered by more or fewer rules, with the rules added and removed.

Give the old rules files, then --, then the new ones; or, in a git work
tree, --base with a revision (and --head, else the working tree) and the
rules files once. When the two sets' event sources differ, both are counted
on the platforms of either.

--format markdown (the default) is a pull-request comment; --format layer
is an ATT&CK Navigator layer scored by the change in the number of rules,
green for gained and red for lost.

Exit status: 0 when the comparison was written, 2 when an input could not
be read.`,
		Example: `  falcomitre coverage diff old/rules/ -- rules/
  falcomitre coverage diff --base origin/main rules/ > comment.md
  falcomitre coverage diff --base v1.0 --head v2.0 --format layer rules/ -o change.json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCoverageDiff(cmd, &f, args)
		},
	}
	cmd.Flags().StringVarP(&f.format, "format", "f", "markdown", "markdown or layer")
	cmd.Flags().StringVar(&f.base, "base", "", "read the old rules files at this git revision")
	cmd.Flags().StringVar(&f.head, "head", "", "with --base: read the new rules files at this git revision (default: the working tree)")
	f.layer.register(cmd)
	f.doc.register(cmd)
	return cmd
}

func runCoverageDiff(cmd *cobra.Command, f *coverageDiffFlags, args []string) error {
	if !slices.Contains(report.CoverageDiffFormats, f.format) {
		return &exitError{exitInput, fmt.Errorf("--format: unknown format %q (want %s)", f.format, strings.Join(report.CoverageDiffFormats, " or "))}
	}
	oldArgs, newArgs, err := splitDiffArgs(cmd, f, args)
	if err != nil {
		return &exitError{exitInput, err}
	}
	r, err := f.doc.start(cmd)
	if err != nil {
		return err
	}
	oldSet, newSet, err := f.load(cmd, r, oldArgs, newArgs)
	if err != nil {
		return &exitError{exitInput, err}
	}
	old, err := r.modelOf(oldSet, &f.doc)
	if err != nil {
		return err
	}
	cur, err := r.modelOf(newSet, &f.doc)
	if err != nil {
		return err
	}
	d, err := coverage.Compare(old, cur)
	if err != nil {
		return &exitError{exitInput, err}
	}
	return r.write(cmd, &f.doc, func(w io.Writer) error { return report.WriteCoverageDiff(w, d, f.format, f.layer.options()) })
}

// splitDiffArgs returns the old and new rules files: the two sides of --,
// or with --base the same files twice.
func splitDiffArgs(cmd *cobra.Command, f *coverageDiffFlags, args []string) (oldArgs, newArgs []string, err error) {
	dash := cmd.ArgsLenAtDash()
	if f.base != "" {
		if dash >= 0 {
			return nil, nil, errors.New("with --base, give the rules files once, without --")
		}
		if len(args) == 0 {
			return nil, nil, errors.New("give the rules files to compare at --base and at --head (or in the working tree)")
		}
		return args, args, nil
	}
	if f.head != "" {
		return nil, nil, errors.New("--head goes with --base")
	}
	if dash <= 0 || dash == len(args) {
		return nil, nil, errors.New("give the old rules files, then --, then the new ones (or --base REV and the rules files)")
	}
	return args[:dash], args[dash:], nil
}

// load reads both sides: files from disk, or with --base from git.
func (f *coverageDiffFlags) load(cmd *cobra.Command, r *docRun, oldArgs, newArgs []string) (oldSet, newSet *rules.Set, err error) {
	if f.base == "" {
		if oldSet, err = loadRules(cmd, r.cfg, oldArgs); err != nil {
			return nil, nil, fmt.Errorf("old: %w", err)
		}
		if newSet, err = loadRules(cmd, r.cfg, newArgs); err != nil {
			return nil, nil, fmt.Errorf("new: %w", err)
		}
		return oldSet, newSet, nil
	}
	keep := func(p string) bool { return !r.cfg.Excluded(p) }
	if oldSet, err = gitfiles.Load(cmd.Context(), f.base, oldArgs, keep); err != nil {
		return nil, nil, fmt.Errorf("--base: %w", err)
	}
	if f.head == "" {
		newSet, err = loadRules(cmd, r.cfg, newArgs)
	} else if newSet, err = gitfiles.Load(cmd.Context(), f.head, newArgs, keep); err != nil {
		err = fmt.Errorf("--head: %w", err)
	}
	return oldSet, newSet, err
}
