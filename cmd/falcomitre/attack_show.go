package main

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/falcomitre/falcomitre/dataset"
	"github.com/spf13/cobra"
)

func newAttackShowCmd() *cobra.Command {
	var format string
	var data dataFlags
	cmd := &cobra.Command{
		Use:   "show [flags]",
		Short: "Show one ATT&CK dataset: its tactics and counts",
		Long: `Show prints one ATT&CK dataset: where it comes from, its tactics in matrix
order with their canonical tags and live techniques, and how many techniques
are live, revoked or deprecated.`,
		Example: `  falcomitre attack show
  falcomitre attack show --domain ics
  falcomitre attack show --attack-version 17.1 --format json
  falcomitre attack show --attack-data enterprise-attack-17.1.json.gz`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "text" && format != "json" {
				return &exitError{exitInput, fmt.Errorf("--format: want text or json, not %q", format)}
			}
			cfg, err := loadConfig(cmd)
			if err != nil {
				return &exitError{exitInput, err}
			}
			cat, err := data.load(cfg)
			if err != nil {
				return &exitError{exitInput, err}
			}
			s := dataset.Summarize(cat)
			w := cmd.OutOrStdout()
			if format == "json" {
				b, err := json.MarshalIndent(s, "", "  ")
				if err != nil {
					return &exitError{exitInternal, err}
				}
				_, err = fmt.Fprintf(w, "%s\n", b)
				return err
			}
			return writeSummary(w, s)
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text or json")
	data.register(cmd)
	return cmd
}

// writeSummary prints a dataset summary as aligned text.
func writeSummary(w io.Writer, s dataset.Summary) error {
	fmt.Fprintf(w, "%s %s (%s)\n\n", s.Domain, s.Version, s.Source)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TACTIC\tNAME\tTAG\tTECHNIQUES\tSUB-TECHNIQUES")
	for _, t := range s.Tactics {
		name := t.Name
		if t.Deprecated {
			name += " (deprecated)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\n", t.ID, name, t.Tag, t.Techniques, t.SubTechniques)
	}
	fmt.Fprintln(tw)
	fmt.Fprintf(tw, "techniques\t%d\n", s.Techniques)
	fmt.Fprintf(tw, "sub-techniques\t%d\n", s.SubTechniques)
	fmt.Fprintf(tw, "revoked\t%d\n", s.Revoked)
	fmt.Fprintf(tw, "deprecated\t%d\n", s.Deprecated)
	fmt.Fprintf(tw, "mitigations\t%d\n", s.Mitigations)
	fmt.Fprintf(tw, "data components\t%d\n", s.DataComponents)
	return tw.Flush()
}
