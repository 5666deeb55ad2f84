package main

import (
	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/report"
	"github.com/spf13/cobra"
)

func newExplainCmd() *cobra.Command {
	var format string
	var data dataFlags
	cmd := &cobra.Command{
		Use:   "explain [flags] CODE|ID|TAG",
		Short: "Explain a check, an ATT&CK technique or tactic, or a tag",
		Long: `Explain prints what a check code means, or what ATT&CK says of a technique or
tactic: its name, tactics and their canonical tags, platforms, parent and
sub-techniques, revocation or deprecation, and its page on attack.mitre.org.
A tag in any spelling the checks understand is read the same way.`,
		Example: `  falcomitre explain T1611
  falcomitre explain mitre_privilege_escalation
  falcomitre explain "MITRE_TA0005_defense_evasion"
  falcomitre explain tactic-mismatch`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig(cmd)
			if err != nil {
				return &exitError{exitInput, err}
			}
			cat, err := data.load(cfg)
			if err != nil {
				return &exitError{exitInput, err}
			}
			e, err := check.Explain(cat, args[0])
			if err != nil {
				return &exitError{exitInput, err}
			}
			if err := report.WriteExplanation(cmd.OutOrStdout(), e, format); err != nil {
				return &exitError{exitInput, err}
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text or json")
	data.register(cmd)
	return cmd
}
