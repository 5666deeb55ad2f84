package config

import (
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/diag"
)

// The keys of the file, as docs/configuration.md lists them. Each reader
// checks its value where it is, so that every error has its position.

func (d *decoder) root(c *Config, n *yaml.Node) {
	d.mapping(n, "the configuration", []field{
		{"attack", func(v *yaml.Node) { d.attack(&c.ATTACK, v) }},
		{"tactic-policy", d.tacticPolicy(&c.TacticPolicy)},
		{"severity", d.severity(&c.Severity)},
		{"disable", d.list("disable", &c.Disable, d.code("disable"))},
		{"fail-on", d.failOn(&c.FailOn)},
		{"exclude", d.list("exclude", &c.Exclude, d.pattern)},
		{"not-attack-prefixes", d.list("not-attack-prefixes", &c.NotATTACKPrefixes, d.prefix)},
	})
}

func (d *decoder) attack(a *ATTACK, n *yaml.Node) {
	var sha *yaml.Node
	d.mapping(n, "attack", []field{
		{"domain", d.checked("attack.domain", &a.Domain, func(s string) error {
			_, err := attack.NormalizeDomain(s)
			return err
		})},
		{"version", d.checked("attack.version", &a.Version, func(s string) error {
			if !attack.LooksLikeVersion(s) {
				return errors.New("want an ATT&CK version such as 18.1")
			}
			return nil
		})},
		{"data", d.str("attack.data", &a.Data)},
		{"sha256", func(v *yaml.Node) {
			sha = v
			d.checked("attack.sha256", &a.SHA256, func(s string) error {
				if b, err := hex.DecodeString(s); err != nil || len(b) != 32 {
					return errors.New("want 64 hex digits")
				}
				return nil
			})(v)
		}},
	})
	if a.SHA256 != "" && !strings.Contains(a.Data, "://") {
		d.errorf(sha, "attack.sha256 checks a download: it goes with an https:// URL in attack.data")
	}
}

// checked reads a string and checks it with valid; "" is always valid,
// and means the default.
func (d *decoder) checked(key string, dst *string, valid func(string) error) func(*yaml.Node) {
	return func(v *yaml.Node) {
		var s string
		d.str(key, &s)(v)
		if s == "" {
			return
		}
		if err := valid(s); err != nil {
			d.errorf(v, "%s: %v", key, err)
			return
		}
		*dst = s
	}
}

func (d *decoder) tacticPolicy(dst *check.TacticPolicy) func(*yaml.Node) {
	var s string
	return d.checked("tactic-policy", &s, func(s string) error {
		p, err := check.ParseTacticPolicy(s)
		*dst = p
		return err
	})
}

func (d *decoder) failOn(dst *diag.Severity) func(*yaml.Node) {
	var s string
	return d.checked("fail-on", &s, func(s string) error {
		if s == "never" {
			*dst = 0
			return nil
		}
		sev, err := diag.ParseSeverity(s)
		if err != nil {
			return fmt.Errorf("want error, warning, note or never, not %q", s)
		}
		*dst = sev
		return nil
	})
}

func (d *decoder) severity(dst *map[string]diag.Severity) func(*yaml.Node) {
	return func(n *yaml.Node) {
		n = follow(n)
		if isNull(n) {
			return
		}
		if n.Kind != yaml.MappingNode {
			d.errorf(n, "severity must be a mapping of check codes to error, warning or note, not %s", kindOf(n))
			return
		}
		seen := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := follow(n.Content[i]), follow(n.Content[i+1])
			if k.Kind != yaml.ScalarNode {
				d.errorf(k, "a key of severity must be a check code, not %s", kindOf(k))
				continue
			}
			if !d.code("severity")(k) {
				continue
			}
			if line, ok := seen[k.Value]; ok {
				d.errorf(k, "severity of %q is set twice (first at line %d)", k.Value, line)
				continue
			}
			seen[k.Value] = k.Line
			if v.Kind != yaml.ScalarNode || isNull(v) {
				d.errorf(v, "severity of %q must be error, warning or note, not %s", k.Value, kindOf(v))
				continue
			}
			sev, err := diag.ParseSeverity(strings.TrimSpace(v.Value))
			if err != nil {
				d.errorf(v, "severity of %q: %v", k.Value, err)
				continue
			}
			if *dst == nil {
				*dst = map[string]diag.Severity{}
			}
			(*dst)[k.Value] = sev
		}
	}
}

// code returns a checker of check codes for the list or mapping key.
func (d *decoder) code(key string) func(*yaml.Node) bool {
	return func(v *yaml.Node) bool {
		if check.Lookup(v.Value) == nil {
			hint := ""
			if similar := check.SimilarCodes(v.Value); len(similar) > 0 {
				hint = " (did you mean " + strings.Join(similar, " or ") + "?)"
			}
			d.errorf(v, "%s: unknown check code %q%s", key, v.Value, hint)
			return false
		}
		return true
	}
}

// pattern checks an exclude pattern.
func (d *decoder) pattern(v *yaml.Node) bool {
	p := v.Value
	if strings.TrimSpace(p) == "" {
		d.errorf(v, "exclude: an empty pattern excludes nothing")
		return false
	}
	if _, err := path.Match(filepath.ToSlash(p), ""); err != nil {
		d.errorf(v, "exclude: invalid glob pattern %q: %v", p, err)
		return false
	}
	return true
}

// prefix checks a not-attack-prefixes entry.
func (d *decoder) prefix(v *yaml.Node) bool {
	if v.Value == "" {
		d.errorf(v, "not-attack-prefixes: an empty prefix would hide every tag from the checks")
		return false
	}
	return true
}

// resolveData makes a relative bundle path relative to dir, the
// configuration file's directory, so that falcomitre finds the same
// bundle from any working directory. Versions and URLs stay.
func resolveData(dir, data string) string {
	if data == "" || strings.Contains(data, "://") || attack.LooksLikeVersion(data) || filepath.IsAbs(data) {
		return data
	}
	return filepath.Join(dir, data)
}
