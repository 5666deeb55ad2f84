package main

import (
	"errors"
	"fmt"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/internal/version"
	"github.com/spf13/cobra"
)

type checkFlags struct {
	out    outputFlags
	failOn string
	data   dataFlags
	fix    fixFlags

	// tacticPolicy is --tactic-policy; settings lays it over the
	// configuration's tactic-policy.
	tacticPolicy string
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
  falcomitre check --format github --format sarif=falcomitre.sarif rules/
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
	f.out.register(cmd)
	fl.StringVar(&f.failOn, "fail-on", "error", "exit 1 on findings at or above this severity: error, warning, note or never")
	fl.StringVar(&f.tacticPolicy, "tactic-policy", "one", "tactics a rule must tag: one (at least one of each technique's) or all (every one)")
	f.data.register(cmd)
	f.fix.register(cmd, fixCmd)
}

func runCheck(cmd *cobra.Command, f checkFlags, args []string) error {
	// Flags over .falcomitre.yaml over the defaults.
	st, err := f.settings(cmd)
	if err != nil {
		return &exitError{exitInput, err}
	}
	failOn := st.failOn
	outs, err := f.out.outputs(cmd.OutOrStdout())
	if err != nil {
		return &exitError{exitInput, err}
	}
	policy, fixing, err := f.fix.policy()
	if err != nil {
		return &exitError{exitInput, err}
	}
	cat, err := f.data.load(st.cfg)
	if err != nil {
		return &exitError{exitInput, err}
	}
	set, err := loadRules(cmd, st.cfg, args)
	if err != nil {
		return &exitError{exitInput, err}
	}
	stderr := cmd.ErrOrStderr()
	opt := withObservations(st.options, set)
	var rep *check.Report
	var fixErr error
	if fixing {
		fixed, fixedRep, err := runFix(cmd, f.fix, policy, set, cat, opt)
		fixErr = err
		if fixed == nil {
			// Some file was not written: report what is on disk.
			if fixed, err = loadRules(cmd, st.cfg, args); err != nil {
				return &exitError{exitInput, errors.Join(fixErr, err)}
			}
			opt = withObservations(st.options, fixed)
		}
		set, rep = fixed, fixedRep
	}
	if rep == nil {
		rep = check.Run(set, cat, opt)
	}
	rep.Tool = check.Tool{Name: "falcomitre", Version: version.Version()}

	// With --diff the diff is the output; reports go only to files.
	if err := writeOutputs(outs, rep, cmd.OutOrStdout(), f.fix.diff); err != nil {
		return &exitError{exitInput, err}
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
