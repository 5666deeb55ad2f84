package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/falcomitre/falcomitre/condition"
	"github.com/falcomitre/falcomitre/report"
	"github.com/falcomitre/falcomitre/suggest"
)

func newSuggestCmd() *cobra.Command {
	var data dataFlags
	var format, output string
	var all bool
	var n int
	cmd := &cobra.Command{
		Use:   "suggest [flags] RULES...",
		Short: "Suggest ATT&CK techniques for rules that have none or weak evidence",
		Long: `Suggest ranks ATT&CK techniques for the rules that have no technique tag, or a
technique whose ATT&CK analytics watch nothing the rule watches (what
weak-evidence reports): by the words of the rule's name, description, output,
tags and the processes and paths its condition names, against each
technique's name, description keywords and analytics' channels, and by
whether those analytics watch what the rule does. It prints the best three
with the reasons for each. It suggests; it never changes a file.

How often the falcosecurity maintainers' own technique is among the three is
in docs/evidence.md: read the technique's page before tagging.

Exit status: 0 when the suggestions were written, 2 when an input could not
be read (suggestions for what did load are still written).`,
		Example: `  falcomitre suggest rules/
  falcomitre suggest --all -f json falco_rules.yaml > suggestions.json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return &exitError{exitInput, fmt.Errorf("--format: want text or json, not %q", format)}
			}
			if n < 1 {
				return &exitError{exitInput, fmt.Errorf("--top: want 1 or more, not %d", n)}
			}
			cfg, err := loadConfig(cmd)
			if err != nil {
				return &exitError{exitInput, err}
			}
			cat, err := data.load(cfg)
			if err != nil {
				return &exitError{exitInput, err}
			}
			set, err := loadRules(cmd, cfg, args)
			if err != nil {
				return &exitError{exitInput, err}
			}
			obs := condition.Observations(set)
			s := &report.Suggestions{
				ATTACK:      cat.Domain + " " + cat.Version,
				Rules:       len(set.Rules),
				Suggestions: suggest.New(cat).ForSet(set, obs, all, n),
			}
			// The set's errors now, so that the set (hundreds of MB on a
			// large input) is garbage while the output is written.
			errs := set.Errs()
			if err := writeDiffOutput(cmd.OutOrStdout(), output, func(w io.Writer) error {
				return report.WriteSuggestions(w, s, format)
			}); err != nil {
				return &exitError{exitInput, err}
			}
			if len(errs) > 0 {
				for _, e := range errs {
					fmt.Fprintln(cmd.ErrOrStderr(), e)
				}
				return &exitError{code: exitInput}
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&all, "all", false, "suggest for every rule, not only those without a technique or with weak evidence")
	fl.IntVar(&n, "top", 3, "candidates per rule")
	fl.StringVarP(&format, "format", "f", "text", "output format: text or json")
	fl.StringVarP(&output, "output", "o", "", "write to this file instead of standard output")
	data.register(cmd)
	return cmd
}
