package main

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/config"
	"github.com/falcomitre/falcomitre/diff"
	"github.com/falcomitre/falcomitre/report"
	"github.com/falcomitre/falcomitre/rules"
	"github.com/spf13/cobra"
)

type attackDiffFlags struct {
	from, to     string
	domain       string
	format       string
	output       string
	failOnChange bool
}

func newAttackDiffCmd() *cobra.Command {
	var f attackDiffFlags
	cmd := &cobra.Command{
		Use:   "diff --from VERSION|FILE|URL [--to VERSION|FILE|URL] [flags] [RULES...]",
		Short: "Show what changed between two ATT&CK releases, for the tags of rules",
		Long: `Diff compares two ATT&CK releases of one domain: the report to read before
moving rules to a newer ATT&CK. Given rules files (loaded as check loads them)
it covers the technique IDs, tactic IDs and tactic tags their effective tags
use, and says for each tag what to write instead; without rules it lists what
changed for every technique and tactic of the older release.

Changes: tactic-renamed, tactic-retired, tactic-added, technique-revoked,
technique-removed, technique-deprecated, technique-renamed, technique-moved,
technique-tactics-changed.

--from and --to each take an embedded version (15.1), a STIX bundle
(.json or .json.gz) or a URL; --from defaults to the ATT&CK the
configuration pins (attack.data or attack.version in .falcomitre.yaml), --to
to the newest embedded release.

Exit status: 0 when the report was written, 1 with --fail-on-change when
anything changed, 2 when an input could not be read.`,
		Example: `  falcomitre attack diff --from 13.1 --to 18.1 rules/
  falcomitre attack diff --from 17.1 falco_rules.yaml falco_rules.local.yaml
  falcomitre attack diff --from 18.1 --to enterprise-attack-19.0.json.gz --format json rules/
  falcomitre attack diff --from 13.1 --to 18.1      # the whole release's changes`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAttackDiff(cmd, f, args)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.from, "from", "", "the ATT&CK the rules are tagged for: a version, a STIX bundle or a URL (default: the configuration's attack.data or attack.version)")
	fl.StringVar(&f.to, "to", "", "the ATT&CK to move to: a version, a STIX bundle or a URL (default the newest embedded)")
	fl.StringVar(&f.domain, "domain", "", "ATT&CK domain: enterprise, mobile or ics (default enterprise, or the domain of --from)")
	fl.StringVarP(&f.format, "format", "f", "text", "output format: text or json")
	fl.StringVarP(&f.output, "output", "o", "", "write the report to this file instead of standard output")
	fl.BoolVar(&f.failOnChange, "fail-on-change", false, "exit 1 when anything the rules use changed (with no rules, anything at all)")
	return cmd
}

func runAttackDiff(cmd *cobra.Command, f attackDiffFlags, args []string) error {
	cfg, err := loadConfig(cmd)
	if err != nil {
		return &exitError{exitInput, err}
	}
	// The configuration pins what the rules are tagged for: the release a
	// bump moves away from.
	f.from = cmp.Or(f.from, cfg.ATTACK.Data, cfg.ATTACK.Version)
	if !cmd.Flags().Changed("domain") {
		f.domain = cfg.ATTACK.Domain
	}
	if f.from == "" {
		return &exitError{exitInput, errors.New("--from is required: the ATT&CK version, bundle or URL the rules are tagged for (or attack.version in " + config.FileName + ")")}
	}
	if f.format != "text" && f.format != "json" {
		return &exitError{exitInput, fmt.Errorf("--format: unknown format %q (want text or json)", f.format)}
	}
	// An embedded release needs a domain; a bundle usually says its own,
	// and --to follows --from's so that an ICS bundle diffs against ICS.
	fromDomain := f.domain
	if fromDomain == "" && attack.LooksLikeVersion(f.from) {
		fromDomain = attack.DomainEnterprise
	}
	from, err := openData(cmd, f.from, fromDomain)
	if err != nil {
		return &exitError{exitInput, fmt.Errorf("--from: %w", err)}
	}
	to, err := openData(cmd, f.to, cmp.Or(f.domain, from.Domain))
	if err != nil {
		return &exitError{exitInput, fmt.Errorf("--to: %w", err)}
	}
	var set *rules.Set
	if len(args) > 0 {
		if set, err = loadRules(cmd, cfg, args); err != nil {
			return &exitError{exitInput, err}
		}
	}
	d, err := diff.Compare(from, to, set)
	if err != nil {
		return &exitError{exitInput, err}
	}
	err = writeDiffOutput(cmd.OutOrStdout(), f.output, func(w io.Writer) error { return report.WriteDiff(w, d, f.format) })
	if err != nil {
		return &exitError{exitInput, err}
	}
	if set != nil {
		// As with check: what loaded is reported, what did not is an error.
		if errs := set.Errs(); len(errs) > 0 {
			for _, e := range errs {
				fmt.Fprintln(cmd.ErrOrStderr(), e)
			}
			return &exitError{code: exitInput}
		}
	}
	if f.failOnChange && len(d.Changes) > 0 {
		return &exitError{code: exitFindings}
	}
	return nil
}

// writeDiffOutput runs write on stdout, or on the file path when one is given.
func writeDiffOutput(stdout io.Writer, path string, write func(io.Writer) error) error {
	if path == "" {
		return write(stdout)
	}
	fh, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(fh); err != nil {
		fh.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return fh.Close()
}
