package rules

import (
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/falcomitre/falcomitre/diag"
)

// overrides reads `override:` as Falco's decode_overrides does (spec §4):
// a mapping from key to "append" or "replace", every entry checked against
// the keys that may be appended to or replaced. It returns the keys to
// append and to replace; both are empty when there is no override.
//
// Falco iterates the node with yaml-cpp, so a null or scalar `override`
// has no entries and is ignored, every entry of a mapping counts (even a
// duplicate key), and a non-empty sequence fails on its first entry.
func (p *parser) overrides(m mapping, appendable, replaceable map[string]bool) (app, rep map[string]bool, err error) {
	k, v := m.get("override")
	if k == nil || v.Kind != yaml.MappingNode && v.Kind != yaml.SequenceNode {
		return nil, nil, nil
	}
	if v.Kind == yaml.SequenceNode {
		if len(v.Content) == 0 {
			return nil, nil, nil
		}
		return nil, nil, diag.Errorf(p.nodeRange(v), "value for 'override' is not a mapping")
	}
	app, rep = map[string]bool{}, map[string]bool{}
	c := v.Content
	for i := 0; i+1 < len(c); i += 2 {
		kn, vn := resolve(c[i]), resolve(c[i+1])
		key, ok := scalarText(kn)
		if !ok {
			return nil, nil, diag.Errorf(p.nodeRange(kn), "override key is not a scalar")
		}
		op, ok := scalarText(vn)
		if !ok {
			return nil, nil, diag.Errorf(p.nodeRange(vn), "override operation for key %q is not a scalar", key)
		}
		switch op {
		case "append":
			if !appendable[key] {
				return nil, nil, diag.Errorf(p.nodeRange(kn), "key %q cannot be appended to, use 'replace' instead", key)
			}
			app[key] = true
		case "replace":
			if !replaceable[key] {
				return nil, nil, diag.Errorf(p.nodeRange(kn), "key %q cannot be replaced", key)
			}
			rep[key] = true
		default:
			var allowed []string
			if appendable[key] {
				allowed = append(allowed, "append")
			}
			if replaceable[key] {
				allowed = append(allowed, "replace")
			}
			return nil, nil, diag.Errorf(p.valueRange(kn, vn), "invalid override operation for key %q: %q, allowed values are: %s", key, op, strings.Join(allowed, " "))
		}
	}
	return app, rep, nil
}

// errOverrideAppend is Falco's ERROR_OVERRIDE_APPEND (spec §3).
func errOverrideAppend(m mapping) error {
	return diag.Errorf(m.at, "keys 'override' and 'append: true' cannot be used together, add an 'append' entry (e.g. 'condition: append') under 'override' instead")
}
