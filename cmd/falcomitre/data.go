package main

import (
	"errors"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/spf13/cobra"
)

// dataFlags choose the ATT&CK data; every command that reads ATT&CK has them.
type dataFlags struct {
	file    string
	domain  string
	version string
}

func (d *dataFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&d.file, "attack-data", "", "ATT&CK STIX 2.0/2.1 bundle (.json or .json.gz) instead of the embedded data")
	fl.StringVar(&d.domain, "domain", "", "ATT&CK domain of --attack-data when the bundle does not say: enterprise, mobile or ics")
	fl.StringVar(&d.version, "attack-version", "", "ATT&CK version of --attack-data when the bundle does not say")
}

func (d *dataFlags) load() (*attack.Catalog, error) {
	if d.file == "" {
		if d.domain != "" || d.version != "" {
			return nil, errors.New("--domain and --attack-version go with --attack-data for now")
		}
		return attack.Embedded()
	}
	return attack.LoadFile(d.file, attack.Options{Domain: d.domain, Version: d.version})
}

// openData resolves one dataset named on the command line: "" for the
// newest embedded release of domain, a version such as "15.1", a STIX
// bundle's path or an https URL.
func openData(spec, domain string) (*attack.Catalog, error) {
	if spec == "" || attack.LooksLikeVersion(spec) {
		return attack.LoadEmbedded(domain, spec)
	}
	return attack.LoadFile(spec, attack.Options{Domain: domain})
}
