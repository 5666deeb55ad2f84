package rules

import (
	"go.yaml.in/yaml/v3"

	"github.com/falcomitre/falcomitre/diag"
)

// exception is what the collector checks of a rule exception
// (rule_loader::rule_exception_info).
type exception struct {
	name   string
	at     diag.Range
	fields exEntry
	comps  exEntry
	values int
}

// exEntry is rule_exception_info::entry: a string or a list of entries.
type exEntry struct {
	isList bool
	item   string
	items  []exEntry
}

// valid is entry::is_valid: a non-empty list or a non-empty string.
func (e exEntry) valid() bool {
	return e.isList && len(e.items) > 0 || !e.isList && e.item != ""
}

// readExceptions reads `exceptions` as Falco's read_rule_exceptions does.
// For an append, fields are optional and a missing values list is only a
// warning. Nothing of the exceptions reaches the checks yet; they are read
// so that a file Falco rejects is rejected here too.
func (p *parser) readExceptions(m mapping, appending bool) ([]exception, error) {
	k, exs := m.get("exceptions")
	if k == nil || isNull(exs) {
		return nil, nil
	}
	if exs.Kind != yaml.SequenceNode {
		return nil, diag.Errorf(p.nodeRange(exs), "rule exceptions must be a sequence")
	}
	var out []exception
	for _, ex := range exs.Content {
		ex = resolve(ex)
		if ex.Kind != yaml.MappingNode {
			return nil, diag.Errorf(p.nodeRange(ex), "rule exception must be a mapping")
		}
		em := p.mapping(ex)
		name, _, err := em.str("name", true)
		if err != nil {
			return nil, err
		}
		e := exception{name: name, at: p.nodeRange(ex)}
		for _, prev := range out {
			if prev.name == name {
				p.warn(e.at, "multiple definitions of exception %q in the same rule", name)
			}
		}
		if e.fields, err = p.exEntry(em, "fields", appending); err != nil {
			return nil, err
		}
		if e.comps, err = p.exEntry(em, "comps", true); err != nil {
			return nil, err
		}
		vk, vals := em.get("values")
		switch {
		case vk != nil && vals.Kind != yaml.SequenceNode:
			return nil, diag.Errorf(p.valueRange(vk, vals), "rule exception values must be a sequence")
		case vk != nil:
			for _, v := range vals.Content {
				if _, err := p.exValue(resolve(v)); err != nil {
					return nil, err
				}
			}
			e.values = len(vals.Content)
		case appending:
			p.warn(e.at, "overriding/appending exception with no values")
		}
		out = append(out, e)
	}
	return out, nil
}

// exEntry reads fields or comps (decode_exception_info_entry with a key).
func (p *parser) exEntry(m mapping, key string, optional bool) (exEntry, error) {
	k, v := m.get(key)
	if k == nil {
		if optional {
			return exEntry{}, nil
		}
		return exEntry{}, diag.Errorf(m.at, "item has no mapping for key '%s'", key)
	}
	return p.exValue(v)
}

// exValue reads one entry: a non-empty scalar, a list of entries, or (as
// in Falco, silently) anything else as an invalid entry.
func (p *parser) exValue(v *yaml.Node) (exEntry, error) {
	return p.exValueDepth(v, 0)
}

func (p *parser) exValueDepth(v *yaml.Node, depth int) (exEntry, error) {
	switch {
	case isScalar(v):
		if v.Value == "" {
			return exEntry{}, diag.Errorf(p.nodeRange(v), "value must be non-empty")
		}
		return exEntry{item: v.Value}, nil
	case v.Kind == yaml.SequenceNode && depth < 100:
		e := exEntry{isList: true}
		for _, c := range v.Content {
			sub, err := p.exValueDepth(resolve(c), depth+1)
			if err != nil {
				return exEntry{}, err
			}
			e.items = append(e.items, sub)
		}
		return e, nil
	}
	return exEntry{}, nil
}

// comparisonOps are the operators libsinsp's filter parser supports
// (parser::supported_operators), the only comps Falco accepts.
var comparisonOps = set("exists", "<=", "<", ">=", ">", "==", "=", "!=", "glob", "iglob",
	"contains", "icontains", "bcontains", "startswith", "bstartswith", "endswith", "regex",
	"intersects", "in", "pmatch")

// validateException is the collector's validate_exception_info, without
// the check that each field exists for the rule's source, which needs
// Falco's field tables.
func validateException(ex exception) error {
	if ex.fields.isList {
		comps := ex.comps
		if !comps.valid() {
			comps = exEntry{isList: true, items: make([]exEntry, len(ex.fields.items))}
			for i := range comps.items {
				comps.items[i].item = "="
			}
		}
		if len(ex.fields.items) != len(comps.items) {
			return diag.Errorf(ex.at, "fields and comps lists must have equal length")
		}
		for _, c := range comps.items {
			if !comparisonOps[c.item] {
				return diag.Errorf(ex.at, "%q is not a supported comparison operator", c.item)
			}
		}
		return nil
	}
	comps := ex.comps
	if !comps.valid() {
		comps = exEntry{item: "in"}
	}
	if comps.isList {
		return diag.Errorf(ex.at, "fields and comps must both be strings")
	}
	switch comps.item {
	case "in", "pmatch", "intersects":
		return nil
	}
	return diag.Errorf(ex.at, "when fields is a single value, comps must be one of (in, pmatch, intersects)")
}

// defineExceptions is collector::define's check of a rule's exceptions.
func defineExceptions(exs []exception) error {
	for _, ex := range exs {
		if !ex.fields.valid() {
			return diag.Errorf(ex.at, "rule exception item must have fields property with a list of fields")
		}
		if err := validateException(ex); err != nil {
			return err
		}
	}
	return nil
}

// appendExceptions is collector::append's merge of exceptions by name
// into have (spec §3): a new name needs fields and values, an existing one
// may only add values.
func appendExceptions(have map[string]bool, exs []exception) error {
	for _, ex := range exs {
		if !have[ex.name] {
			if !ex.fields.valid() {
				return diag.Errorf(ex.at, "rule exception must have fields property with a list of fields")
			}
			if ex.values == 0 {
				return diag.Errorf(ex.at, "rule exception must have values property with a list of values")
			}
			if err := validateException(ex); err != nil {
				return err
			}
			have[ex.name] = true
			continue
		}
		if ex.fields.valid() {
			return diag.Errorf(ex.at, "can not append exception fields to existing exception %q, only values", ex.name)
		}
		if ex.comps.valid() {
			return diag.Errorf(ex.at, "can not append exception comps to existing exception %q, only values", ex.name)
		}
	}
	return nil
}
