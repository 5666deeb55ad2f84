package rules

import (
	"errors"
	"slices"

	"go.yaml.in/yaml/v3"

	"github.com/falcomitre/falcomitre/diag"
)

// exception is what the collector checks of a rule exception
// (rule_loader::rule_exception_info).
type exception struct {
	name   string
	at     diag.Range
	fields ExceptionValue
	comps  ExceptionValue
	values []ExceptionValue
}

// valid is entry::is_valid: a non-empty list or a non-empty string.
func (e ExceptionValue) valid() bool {
	return e.IsList && len(e.Items) > 0 || !e.IsList && e.Item != ""
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
		if e.fields, err = p.exField(em, "fields", appending); err != nil {
			return nil, err
		}
		if e.comps, err = p.exField(em, "comps", true); err != nil {
			return nil, err
		}
		vk, vals := em.get("values")
		switch {
		case vk != nil && vals.Kind != yaml.SequenceNode:
			return nil, diag.Errorf(p.valueRange(vk, vals), "rule exception values must be a sequence")
		case vk != nil:
			for _, v := range vals.Content {
				val, err := p.exValue(resolve(v))
				if err == errTooManyValues {
					// At the row as written: its alias, not the anchor.
					return nil, diag.Errorf(p.nodeRange(v), "exception values expand to more than %d entries through aliases; falcomitre stops there", maxExceptionValues)
				}
				if err != nil {
					return nil, err
				}
				e.values = append(e.values, val)
			}
		case appending:
			p.warn(e.at, "overriding/appending exception with no values")
		}
		out = append(out, e)
	}
	return out, nil
}

// exField reads fields or comps (decode_exception_info_entry with a key).
func (p *parser) exField(m mapping, key string, optional bool) (ExceptionValue, error) {
	k, v := m.get(key)
	if k == nil {
		if optional {
			return ExceptionValue{}, nil
		}
		return ExceptionValue{}, diag.Errorf(m.at, "item has no mapping for key '%s'", key)
	}
	val, err := p.exValue(v)
	if err == errTooManyValues {
		err = diag.Errorf(p.valueRange(k, v), "exception %s expand to more than %d entries through aliases; falcomitre stops there", key, maxExceptionValues)
	}
	return val, err
}

// maxExceptionValues bounds the exception entries one file may hold,
// counting each alias expansion: far above any real rules file (the
// falcosecurity rules hold a few thousand), far below what would hurt.
const maxExceptionValues = 1_000_000

var errTooManyValues = errors.New("too many exception values")

// exValue reads one entry: a non-empty scalar, a list of entries, or (as
// in Falco, silently) anything else as an invalid entry.
func (p *parser) exValue(v *yaml.Node) (ExceptionValue, error) {
	return p.exValueDepth(v, 0)
}

func (p *parser) exValueDepth(v *yaml.Node, depth int) (ExceptionValue, error) {
	// Aliases let a few lines stand for billions of values (an alias
	// bomb); a budget on the values read keeps such a file from taking
	// the run's memory and time.
	if p.exValues++; p.exValues > maxExceptionValues {
		return ExceptionValue{}, errTooManyValues
	}
	switch {
	case isScalar(v):
		if v.Value == "" {
			return ExceptionValue{}, diag.Errorf(p.nodeRange(v), "value must be non-empty")
		}
		return ExceptionValue{Item: v.Value}, nil
	case v.Kind == yaml.SequenceNode && depth < 100:
		e := ExceptionValue{IsList: true}
		for _, c := range v.Content {
			sub, err := p.exValueDepth(resolve(c), depth+1)
			if err != nil {
				return ExceptionValue{}, err
			}
			e.Items = append(e.Items, sub)
		}
		return e, nil
	}
	return ExceptionValue{}, nil
}

// comparisonOps are the operators libsinsp's filter parser supports
// (parser::supported_operators), the only comps Falco accepts.
var comparisonOps = set("exists", "<=", "<", ">=", ">", "==", "=", "!=", "glob", "iglob",
	"contains", "icontains", "bcontains", "startswith", "bstartswith", "endswith", "regex",
	"intersects", "in", "pmatch")

// validateException is the collector's validate_exception_info, without
// the check that each field exists for the rule's source, which needs
// Falco's field tables. Like Falco it fills in the default comps: "="
// for each of a list of fields, "in" for a single field.
func validateException(ex *exception) error {
	if ex.fields.IsList {
		if !ex.comps.valid() {
			ex.comps = ExceptionValue{IsList: true, Items: make([]ExceptionValue, len(ex.fields.Items))}
			for i := range ex.comps.Items {
				ex.comps.Items[i].Item = "="
			}
		}
		if len(ex.fields.Items) != len(ex.comps.Items) {
			return diag.Errorf(ex.at, "fields and comps lists must have equal length")
		}
		for _, c := range ex.comps.Items {
			if !comparisonOps[c.Item] {
				return diag.Errorf(ex.at, "%q is not a supported comparison operator", c.Item)
			}
		}
		return nil
	}
	if !ex.comps.valid() {
		ex.comps = ExceptionValue{Item: "in"}
	}
	if ex.comps.IsList {
		return diag.Errorf(ex.at, "fields and comps must both be strings")
	}
	switch ex.comps.Item {
	case "in", "pmatch", "intersects":
		return nil
	}
	return diag.Errorf(ex.at, "when fields is a single value, comps must be one of (in, pmatch, intersects)")
}

// defineExceptions is collector::define's check of a rule's exceptions;
// it returns a copy of them with their default comps.
func defineExceptions(exs []exception) ([]exception, error) {
	out := append([]exception(nil), exs...)
	for i := range out {
		ex := &out[i]
		if !ex.fields.valid() {
			return nil, diag.Errorf(ex.at, "rule exception item must have fields property with a list of fields")
		}
		if err := validateException(ex); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// appendExceptions is collector::append's merge of exceptions by name
// (spec §3): a new name needs fields and values, an existing one may only
// add values. It returns the merged list, leaving have unchanged, and the
// list as far as it got when it fails, as Falco's is.
func appendExceptions(have []exception, exs []exception) ([]exception, error) {
	out := append([]exception(nil), have...)
	for _, ex := range exs {
		i := slices.IndexFunc(out, func(e exception) bool { return e.name == ex.name })
		if i < 0 {
			if !ex.fields.valid() {
				return out, diag.Errorf(ex.at, "rule exception must have fields property with a list of fields")
			}
			if len(ex.values) == 0 {
				return out, diag.Errorf(ex.at, "rule exception must have values property with a list of values")
			}
			if err := validateException(&ex); err != nil {
				return out, err
			}
			out = append(out, ex)
			continue
		}
		if ex.fields.valid() {
			return out, diag.Errorf(ex.at, "can not append exception fields to existing exception %q, only values", ex.name)
		}
		if ex.comps.valid() {
			return out, diag.Errorf(ex.at, "can not append exception comps to existing exception %q, only values", ex.name)
		}
		prev := &out[i]
		prev.values = append(prev.values[:len(prev.values):len(prev.values)], ex.values...)
	}
	return out, nil
}

// exported converts the collector's exceptions to the public type.
func exported(exs []exception) []Exception {
	if len(exs) == 0 {
		return nil
	}
	out := make([]Exception, len(exs))
	for i, ex := range exs {
		out[i] = Exception{Name: ex.name, Fields: ex.fields, Comps: ex.comps, Values: ex.values, Range: ex.at}
	}
	return out
}
