package main

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/falcomitre/falcomitre/report"
)

func newMatrixCmd() *cobra.Command {
	f := docFlags{evidence: true}
	var format string
	cmd := &cobra.Command{
		Use:   "matrix [flags] RULES...",
		Short: "Write the ATT&CK matrix with the rules that cover each cell, in Markdown or HTML",
		Long: `Matrix writes the ATT&CK matrix of the data in use with the rules that cover
each cell: tactics as columns in the data's matrix order, techniques under
them, sub-techniques folded under their parent. A technique counts under a
tactic only when a rule tags both; tags that place a rule nowhere are listed
apart, with the reason.

--format html writes one self-contained page (no network needed): a heatmap
by number of rules, filters by maturity, event source and platform, and the
rules, links and ATT&CK facts of a cell on a click. It prints, and reads on
a phone. The format defaults to html when --output ends in .html.

Exit status: 0 when the matrix was written, 2 when an input could not be
read (what did load is still written).`,
		Example: `  falcomitre matrix rules/ -o matrix.html
  falcomitre matrix --format markdown rules/ > MATRIX.md
  falcomitre matrix --platform all rules/ -o matrix.html`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format == "" {
				format = "markdown"
				if ext := strings.ToLower(filepath.Ext(f.output)); ext == ".html" || ext == ".htm" {
					format = "html"
				}
			}
			if !slices.Contains(report.MatrixFormats, format) {
				return &exitError{exitInput, fmt.Errorf("--format: unknown format %q (want %s)", format, strings.Join(report.MatrixFormats, " or "))}
			}
			f.findings = format == "html" // the page lists each rule's findings
			r, err := f.start(cmd)
			if err != nil {
				return err
			}
			m, err := r.model(cmd, &f, args)
			if err != nil {
				return err
			}
			return r.write(cmd, &f, func(w io.Writer) error { return report.WriteMatrix(w, m, format) })
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "", "markdown or html (default markdown, or html when --output ends in .html)")
	f.register(cmd)
	return cmd
}
