package main

import (
	"fmt"
	"runtime"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/internal/version"
	"github.com/spf13/cobra"
)

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version and the embedded ATT&CK data",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "falcomitre %s", version.Version())
			if c := version.Commit(); c != "" {
				if version.Modified() {
					c += ", modified"
				}
				fmt.Fprintf(w, " (%s)", c)
			}
			fmt.Fprintln(w)
			fmt.Fprintf(w, "built with %s for %s/%s\n", version.GoVersion(), runtime.GOOS, runtime.GOARCH)
			for _, e := range attack.EmbeddedVersions() {
				fmt.Fprintf(w, "embedded ATT&CK: %s\n", e)
			}
			return nil
		},
	}
}
