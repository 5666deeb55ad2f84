package rules

import (
	"go.yaml.in/yaml/v3"

	"github.com/falcomitre/falcomitre/diag"
)

// engineVersion checks required_engine_version (spec §7): an unsigned
// integer N (meaning 0.N.0) or an x.y.z version. Whether the version is
// compatible depends on the Falco that will load the file, which a linter
// does not know, so that check is left out.
func (p *parser) engineVersion(m mapping) error {
	s, v, err := m.str("required_engine_version", true)
	if err != nil {
		return err
	}
	if _, ok := parseUnsigned(s, 32); ok {
		return nil
	}
	if !validVersion(s) {
		return diag.Errorf(p.nodeRange(v), "unable to parse engine version %q as a semver string, expected \"x.y.z\" semver format", s)
	}
	return nil
}

// pluginVersions checks required_plugin_versions: a sequence of mappings
// with name, version and optional alternatives, each version valid and no
// plugin named twice in one entry (reader::read_item and
// collector::define(plugin_version_info)).
func (p *parser) pluginVersions(m mapping) error {
	k, seq := m.get("required_plugin_versions")
	if seq.Kind != yaml.SequenceNode {
		return diag.Errorf(p.valueRange(k, seq), "value of required_plugin_versions must be a sequence")
	}
	for _, pl := range seq.Content {
		pl = resolve(pl)
		if pl.Kind != yaml.MappingNode {
			return diag.Errorf(p.nodeRange(pl), "plugin version must be a mapping")
		}
		pm := p.mapping(pl)
		type req struct{ name, version string }
		var reqs []req
		name, _, err := pm.str("name", true)
		if err != nil {
			return err
		}
		version, _, err := pm.str("version", true)
		if err != nil {
			return err
		}
		reqs = append(reqs, req{name, version})
		if ak, alts := pm.get("alternatives"); ak != nil {
			if alts.Kind != yaml.SequenceNode {
				return diag.Errorf(p.valueRange(ak, alts), "value of plugin version alternatives must be a sequence")
			}
			for _, a := range alts.Content {
				a = resolve(a)
				if a.Kind != yaml.MappingNode {
					return diag.Errorf(p.nodeRange(a), "plugin version alternative must be a mapping")
				}
				am := p.mapping(a)
				if name, _, err = am.str("name", true); err != nil {
					return err
				}
				if version, _, err = am.str("version", true); err != nil {
					return err
				}
				reqs = append(reqs, req{name, version})
			}
		}
		seen := map[string]bool{}
		for _, r := range reqs {
			if !validVersion(r.version) {
				return diag.Errorf(pm.at, "invalid required version %q for plugin %q", r.version, r.name)
			}
			if seen[r.name] {
				return diag.Errorf(pm.at, "defined multiple alternative version requirements for plugin %q", r.name)
			}
			seen[r.name] = true
		}
	}
	return nil
}
