package main

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/falcomitre/falcomitre/report"
)

func newOverviewCmd() *cobra.Command {
	f := docFlags{findings: true}
	cmd := &cobra.Command{
		Use:   "overview [flags] RULES...",
		Short: "Write the rules overview: every rule with its tags, statistics and gaps, in Markdown",
		Long: `Overview writes a Markdown document of the rules in force after loading the
given files (as check loads them): the rules grouped by maturity (maturity_*
tags; rules with none in a group of their own), each with its description,
workload (host, container), ATT&CK tactics and techniques linked to
attack.mitre.org with their names, other tags, compliance tags (PCI_DSS_*,
NIST_800-53_*, linked) and whether it is enabled; then statistics per
workload, per tactic and per compliance tag, the techniques of the platforms
counted that no rule covers, the tags that count for nothing, and the check
findings of each rule that has some.

Exit status: 0 when the document was written, 2 when an input could not be
read (what did load is still written).`,
		Example: `  falcomitre overview rules/ -o docs/index.md
  falcomitre overview --platform Linux,Containers,IaaS falco_rules.yaml k8s_audit_rules.yaml`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := f.start(cmd)
			if err != nil {
				return err
			}
			m, err := r.model(cmd, &f, args)
			if err != nil {
				return err
			}
			return r.write(cmd, &f, func(w io.Writer) error { return report.WriteOverview(w, m) })
		},
	}
	f.register(cmd)
	return cmd
}
