package main

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/config"
	"github.com/falcomitre/falcomitre/dataset"
	"github.com/spf13/cobra"
)

// httpClient makes every download; nil means http.DefaultClient. Tests
// point it at their TLS server, since there is no network to test with.
var httpClient *http.Client

// cacheDirEnv names the variable that moves the ATT&CK cache away from
// the user's cache directory, for CI caches and tests.
const cacheDirEnv = "FALCOMITRE_CACHE_DIR"

// newDataClient returns the client that finds datasets. The download
// meter goes to stderr only when a person is watching it.
func newDataClient(stderr io.Writer) *dataset.Client {
	c := &dataset.Client{HTTP: httpClient, Cache: dataset.Cache{Dir: os.Getenv(cacheDirEnv)}}
	if isTerminal(stderr) {
		c.Progress = stderr
	}
	return c
}

// isTerminal reports whether w is a terminal, as useColor decides.
func isTerminal(w io.Writer) bool {
	fh, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := fh.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// dataFlags choose the ATT&CK data; every command that reads ATT&CK has them.
type dataFlags struct {
	data    string
	domain  string
	version string
	sha256  string
	refresh bool
	cmd     *cobra.Command // for stderr and the context
}

func (d *dataFlags) register(cmd *cobra.Command) {
	d.cmd = cmd
	fl := cmd.Flags()
	fl.StringVar(&d.data, "attack-data", "", "ATT&CK data: a STIX 2.0/2.1 bundle (.json or .json.gz), an https:// URL (downloaded once, then cached) or a version")
	fl.StringVar(&d.domain, "domain", "", "ATT&CK domain: enterprise (the default), mobile or ics")
	fl.StringVar(&d.version, "attack-version", "", "ATT&CK version, embedded or stored by 'falcomitre attack update' (default: the newest embedded)")
	fl.StringVar(&d.sha256, "attack-sha256", "", "SHA-256 (hex) that the --attack-data download must have")
	fl.BoolVar(&d.refresh, "refresh", false, "download --attack-data again even when it is cached")
}

// load opens the dataset the flags name, or, for what they leave unset,
// the configuration's attack section. --domain overrides attack.domain
// alone; --attack-data, --attack-version and --attack-sha256 override
// attack.data, attack.version and attack.sha256 together, since a version
// from one and a bundle from the other would contradict each other.
func (d *dataFlags) load(cfg *config.Config) (*attack.Catalog, error) {
	if d.cmd != nil && cfg != nil {
		fl := d.cmd.Flags()
		if !fl.Changed("domain") {
			d.domain = cfg.ATTACK.Domain
		}
		if !fl.Changed("attack-data") && !fl.Changed("attack-version") && !fl.Changed("attack-sha256") {
			d.data, d.version, d.sha256 = cfg.ATTACK.Data, cfg.ATTACK.Version, cfg.ATTACK.SHA256
		}
	}
	if d.sha256 != "" && !strings.Contains(d.data, "://") {
		return nil, errors.New("--attack-sha256 goes with an https:// --attack-data URL")
	}
	stderr, ctx := io.Writer(os.Stderr), context.Background()
	if d.cmd != nil {
		stderr = d.cmd.ErrOrStderr()
		if c := d.cmd.Context(); c != nil {
			ctx = c
		}
	}
	return newDataClient(stderr).Open(ctx, dataset.Spec{
		Source:  d.data,
		Domain:  d.domain,
		Version: d.version,
		SHA256:  d.sha256,
		Refresh: d.refresh,
	})
}

// openData resolves one dataset named on the command line: "" for the
// newest embedded release of domain, a version such as "15.1" (embedded
// or cached), a STIX bundle's path or an https URL.
func openData(cmd *cobra.Command, spec, domain string) (*attack.Catalog, error) {
	return newDataClient(cmd.ErrOrStderr()).Open(cmd.Context(), dataset.Spec{Source: spec, Domain: domain})
}
