package main

import (
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/spf13/cobra"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/fix"
	"github.com/falcomitre/falcomitre/rules"
)

// fixFlags are the flags of check that fix what it finds.
type fixFlags struct {
	fix    bool
	diff   bool
	only   []string
	unsafe bool
	remove bool
}

func (f *fixFlags) register(cmd *cobra.Command, fixCmd bool) {
	fl := cmd.Flags()
	if !fixCmd {
		fl.BoolVar(&f.fix, "fix", false, "fix what can be fixed in place, then report what remains")
	}
	fl.BoolVar(&f.diff, "diff", false, "print the fixes as a unified diff and change nothing")
	fl.StringSliceVar(&f.only, "fix-only", nil, "fix only the findings of these check codes (comma-separated)")
	fl.BoolVar(&f.unsafe, "unsafe-fixes", false, "also apply fixes that choose among several answers (one tactic of several)")
	fl.BoolVar(&f.remove, "fix-remove", false, "also remove tactic tags that no technique of the rule belongs to (unsupported-tactic)")
}

// policy checks the flags and returns the fix policy; fixing is false
// when neither --fix nor --diff asks for fixes.
func (f *fixFlags) policy() (p check.FixPolicy, fixing bool, err error) {
	p = check.FixPolicy{Codes: f.only, Unsafe: f.unsafe, Remove: f.remove}
	fixing = f.fix || f.diff
	if !fixing && (len(f.only) > 0 || f.unsafe || f.remove) {
		return p, false, errors.New("--fix-only, --unsafe-fixes and --fix-remove go with --fix or --diff")
	}
	if err := p.CheckCodes(); err != nil {
		return p, false, fmt.Errorf("--fix-only: %w", err)
	}
	return p, fixing, nil
}

func newFixCmd() *cobra.Command {
	var f checkFlags
	cmd := &cobra.Command{
		Use:   "fix [flags] PATH...",
		Short: "Fix the ATT&CK tags of Falco rules files in place",
		Long: `Fix loads the given Falco rules files as check does and applies every safe fix:
canonical spellings, replacements of revoked techniques, duplicate tags
removed, missing or wrong tactics added or replaced. Only the bytes of tags
change; each file is re-parsed and verified before it is replaced. It is
check --fix.

Fixes that choose among several answers need --unsafe-fixes; removing a
tactic tag that no technique supports needs --fix-remove. --diff prints the
changes instead of making them. The report that follows shows what remains.

Exit status: as for check, about the findings that remain.`,
		Example: `  falcomitre fix rules/
  falcomitre fix --diff rules/falco_rules.local.yaml
  falcomitre fix --fix-only non-canonical-tag,duplicate-tag rules/
  falcomitre fix --unsafe-fixes --fix-remove rules/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f.fix.fix = true
			return runCheck(cmd, f, args)
		},
	}
	f.register(cmd, true)
	return cmd
}

// runFix fixes set and returns it as fixed, with the check report of the
// fixed set. It writes the files, or with --diff prints the diff, and
// tells on stderr what it changed; the error is for files it could not fix
// or write, and then the set and report are nil when the files on disk
// are not what it would return. set is the fix run's (fix.Options.Consume):
// the caller uses what runFix returns, or loads the files again.
//
// opt are the options of the final report, observations included: a fix
// changes only tags, so the conditions they were worked out from stay as
// they are. Each round checks with them, so that a suppressed
// weak-evidence finding keeps its tag from fixes as any suppressed
// finding does, and the last round's report is the report of the result.
func runFix(cmd *cobra.Command, f fixFlags, p check.FixPolicy, set *rules.Set, cat *attack.Catalog, opt check.Options) (*rules.Set, *check.Report, error) {
	// The last report made is of the set returned (fix.Finder); one of a
	// set a round goes on to change is let go before the round parses.
	var last *check.Report
	find := func(s *rules.Set) []diag.Fix {
		last = check.Run(s, cat, opt)
		return last.Fixes(p)
	}
	res := fix.Run(set.Files, find, fix.Options{Set: set, BeforeApply: func() { last = nil }, Consume: true})
	stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
	var errs []error
	if res.Capped {
		errs = append(errs, fmt.Errorf("falcomitre: stopped after %d rounds of fixes with fixes left; please report it with the input", res.Rounds))
	}
	for _, ff := range res.Files {
		if ff.Err != nil {
			errs = append(errs, ff.Err)
		}
		if !ff.Changed() {
			continue
		}
		if f.diff {
			if err := ff.WriteDiff(stdout, ff.Path, ff.Path); err != nil {
				errs = append(errs, fmt.Errorf("writing the diff: %w", err))
			}
			fmt.Fprintf(stderr, "would change %s in %s\n", plural(ff.Tags, "tag"), ff.Path)
			continue
		}
		if err := fix.WriteFile(ff.Path, ff.Before, ff.After); err != nil {
			errs = append(errs, err)
			continue
		}
		fmt.Fprintf(stderr, "changed %s in %s\n", plural(ff.Tags, "tag"), ff.Path)
	}
	if !f.diff && len(errs) > 0 {
		// A file that could not be written is on disk as it was: the
		// report must be made from the disk.
		return nil, nil, errors.Join(errs...)
	}
	return res.Set, last, errors.Join(errs...)
}

// tellUnfixed says on stderr why findings that have a fix were left: a
// tag that cannot be patched, or a fix that needs a flag.
func tellUnfixed(w io.Writer, rep *check.Report, p check.FixPolicy) {
	unsafe, remove := 0, 0
	for _, fd := range rep.Findings {
		if len(p.Codes) > 0 && !slices.Contains(p.Codes, fd.Code) {
			continue
		}
		if fd.Unfixable != "" {
			fmt.Fprintf(w, "%s: not fixed: %s [%s]\n", fd.Range, fd.Unfixable, fd.Code)
		}
		for _, fx := range fd.Fixes {
			switch {
			case fx.Unsafe && !p.Unsafe:
				unsafe++
			case fd.Code == "unsupported-tactic" && !p.Remove:
				remove++
			}
		}
	}
	if unsafe > 0 {
		fmt.Fprintf(w, "--unsafe-fixes would fix %s\n", plural(unsafe, "more finding"))
	}
	if remove > 0 {
		fmt.Fprintf(w, "--fix-remove would fix %s\n", plural(remove, "more finding"))
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
