package main

import (
	"fmt"

	"github.com/falcomitre/falcomitre/dataset"
	"github.com/spf13/cobra"
)

func newAttackUpdateCmd() *cobra.Command {
	var domain, version, indexURL, sha string
	var refresh bool
	cmd := &cobra.Command{
		Use:   "update [flags]",
		Short: "Download an ATT&CK release into the cache",
		Long: `Update looks a release up in MITRE's attack-stix-data index, downloads its
STIX bundle, checks that it is the release the index names, and stores it in
the cache (` + cacheDirEnv + `, or falcomitre/attack in the user's cache
directory). From then on --attack-version finds it offline. Without --domain
and --version it fetches what the configuration pins (attack.domain and
attack.version in .falcomitre.yaml), else the newest Enterprise release.`,
		Example: `  falcomitre attack update                      # the newest enterprise release
  falcomitre attack update --version 17.0
  falcomitre attack update --domain ics --version 18.1
  falcomitre check --attack-version 17.0 rules/`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := loadConfig(cmd)
			if err != nil {
				return &exitError{exitInput, err}
			}
			if !cmd.Flags().Changed("domain") {
				domain = cfg.ATTACK.Domain
			}
			if !cmd.Flags().Changed("version") {
				version = cfg.ATTACK.Version
			}
			c := newDataClient(cmd.ErrOrStderr())
			c.IndexURL = indexURL
			up, err := c.Update(cmd.Context(), domain, version, dataset.UpdateOptions{SHA256: sha, Refresh: refresh})
			if err != nil {
				return &exitError{exitInput, err}
			}
			e := up.Entry
			what := "downloaded"
			if !up.Downloaded {
				what = "already cached"
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "%s %s: %s\n", e.Domain, e.Version, what)
			fmt.Fprintf(w, "  url:     %s\n", up.Release.URL)
			fmt.Fprintf(w, "  sha256:  %s\n", e.SHA256)
			fmt.Fprintf(w, "  size:    %d bytes\n", e.Size)
			fmt.Fprintf(w, "  bundle:  %s\n", e.BundlePath())
			fmt.Fprintf(w, "  catalog: %s\n", e.CatalogPath())
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&domain, "domain", "", "ATT&CK domain: enterprise (the default), mobile or ics")
	fl.StringVar(&version, "version", "", "ATT&CK version (default: the newest in the index)")
	fl.StringVar(&indexURL, "index-url", dataset.DefaultIndexURL, "the release index to look the release up in")
	fl.StringVar(&sha, "sha256", "", "SHA-256 (hex) that the downloaded bundle must have")
	fl.BoolVar(&refresh, "refresh", false, "download the release again even when it is cached")
	return cmd
}
