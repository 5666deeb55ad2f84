// Package config reads falcomitre's configuration file, .falcomitre.yaml:
// the ATT&CK data to check against, the tactic policy, severities,
// disabled checks, the exit threshold, rules files to skip and tag
// prefixes that are never ATT&CK. docs/configuration.md describes every
// key. Command-line flags override it; it overrides the defaults.
package config

import (
	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/diag"
)

// FileName is the name Find looks for.
const FileName = ".falcomitre.yaml"

// Config is a configuration as loaded: what the file says, over the
// defaults.
type Config struct {
	// Path is the file it was read from; "" for Default.
	Path string
	// ATTACK chooses the ATT&CK data, as the --domain, --attack-version,
	// --attack-data and --attack-sha256 flags do.
	ATTACK ATTACK
	// TacticPolicy is "one" (the default) or "all".
	TacticPolicy check.TacticPolicy
	// Severity overrides the severity of checks, by code.
	Severity map[string]diag.Severity
	// Disable lists the codes of checks not to run.
	Disable []string
	// FailOn is the severity at or above which a finding makes the exit
	// status 1; 0 means never.
	FailOn diag.Severity
	// Exclude are glob patterns of rules files to skip; see Excluded.
	Exclude []string
	// NotATTACKPrefixes are tag prefixes that are never ATT&CK.
	NotATTACKPrefixes []string
}

// ATTACK is the attack section. Empty fields leave the choice to the
// flags or the defaults (the newest embedded Enterprise release).
type ATTACK struct {
	Domain  string // enterprise, mobile or ics
	Version string // a release: embedded, or cached by attack update
	// Data is a STIX bundle, an https URL or a version; a relative path
	// is resolved against the configuration file's directory when loaded.
	Data   string
	SHA256 string // the SHA-256 an https Data download must have
}

// Default returns the configuration used when there is no file: the
// falcosecurity convention, every check at its default severity, exit 1
// on errors.
func Default() *Config {
	return &Config{TacticPolicy: check.TacticsOne, FailOn: diag.Error}
}

// CheckOptions returns the options of a check run the configuration asks
// for.
func (c *Config) CheckOptions() check.Options {
	return check.Options{
		Disable:           c.Disable,
		Severity:          c.Severity,
		TacticPolicy:      c.TacticPolicy,
		NotATTACKPrefixes: c.NotATTACKPrefixes,
	}
}
