package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

func newAttackListCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "list [flags]",
		Short: "List the embedded and cached ATT&CK datasets",
		Long: `List prints the ATT&CK datasets that --attack-version and --domain can select:
the ones built into falcomitre and the ones stored in the cache by
'falcomitre attack update' or an --attack-data URL. The default of each
domain, what a run uses without --attack-version, is marked.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "text" && format != "json" {
				return &exitError{exitInput, fmt.Errorf("--format: want text or json, not %q", format)}
			}
			ds, err := newDataClient(cmd.ErrOrStderr()).List()
			if err != nil {
				return &exitError{exitInput, err}
			}
			w := cmd.OutOrStdout()
			if format == "json" {
				b, err := json.MarshalIndent(ds, "", "  ")
				if err != nil {
					return &exitError{exitInternal, err}
				}
				_, err = fmt.Fprintf(w, "%s\n", b)
				return err
			}
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "DOMAIN\tVERSION\tSOURCE")
			for _, d := range ds {
				src := d.Source
				if d.Entry != nil {
					src += " " + d.Entry.URL()
				}
				if d.Default {
					src += " (default)"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\n", d.Domain, d.Version, src)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text or json")
	return cmd
}
