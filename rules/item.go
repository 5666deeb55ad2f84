package rules

import (
	"go.yaml.in/yaml/v3"
)

// item reads one top-level mapping (spec §1). It returns the item when
// Falco's collector would have seen (part of) it, and the error that stops
// the file, if any; both are set when an override applied its append part
// before failing (spec §4).
func (p *parser) item(n *yaml.Node) (*Item, error) {
	m := p.mapping(n)
	it := &Item{Kind: KindUnknown, Range: m.at, File: p.f}
	for _, kk := range kindKeys {
		if m.has(kk.key) {
			it.Kind = kk.kind
			break
		}
	}
	p.warnUnknownKeys(m, it.Kind)
	var err error
	switch it.Kind {
	case KindRequiredEngineVersion:
		err = p.engineVersion(m)
	case KindRequiredPluginVersions:
		err = p.pluginVersions(m)
	case KindList:
		err = p.list(m, it)
	case KindMacro:
		err = p.macro(m, it)
	case KindRule:
		return p.rule(m, it)
	default:
		p.warn(it.Range, "unknown top level item")
	}
	if err != nil {
		return nil, err
	}
	return it, nil
}

// warnUnknownKeys gives Falco's LOAD_UNKNOWN_KEY warnings. Falco points
// them at the item; we point at the key, which is what the reader needs.
func (p *parser) warnUnknownKeys(m mapping, kind Kind) {
	allowed := allowedKeys[kind]
	if allowed == nil {
		return
	}
	m.keyValues(func(k, _ *yaml.Node) {
		if isScalar(k) && !allowed[k.Value] {
			p.warn(p.nodeRange(k), "unknown key %q, the key will be ignored", k.Value)
		}
	})
}

// Falco's names for macros and lists (RGX_IDENTIFIER and RGX_BARESTR in
// rule_loader_reader.cpp); a mismatch is only a warning since 0.38.0.
// They are tested byte by byte rather than with package regexp: compiling
// these two and yamlerr.go's at init cost every process, --help included,
// 0.4 ms (package init 0.50 → 0.09 ms).

// isMacroName matches ^[a-zA-Z]+[a-zA-Z0-9_]*$.
func isMacroName(s string) bool {
	if s == "" || !isASCIILetter(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !isASCIILetter(c) && !(c >= '0' && c <= '9') && c != '_' {
			return false
		}
	}
	return true
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// isListName matches ^[^()"'[:space:]=,]+$. Every byte of a multi-byte or
// invalid UTF-8 sequence is outside the class, as the rune it decodes to
// is, so bytes are enough.
func isListName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(', ')', '"', '\'', '=', ',', ' ', '\t', '\n', '\v', '\f', '\r':
			return false
		}
	}
	return true
}

// appendFlag reads `append:` and gives the deprecation warning (spec §3).
func (p *parser) appendFlag(m mapping) (bool, error) {
	b, err := m.boolean("append", false)
	if err != nil || b == nil || !*b {
		return false, err
	}
	k, _ := m.get("append")
	p.warn(p.nodeRange(k), "'append' key is deprecated, add an 'append' entry (e.g. 'condition: append') under 'override' instead")
	return true, nil
}

// macro reads a macro item (spec §2–§4).
func (p *parser) macro(m mapping, it *Item) error {
	name, _, err := m.str("macro", true)
	if err != nil {
		return err
	}
	it.Name = name
	if !isMacroName(name) {
		p.warn(it.Range, "macro has an invalid name, macro names should match a regular expression: ([a-zA-Z]+[a-zA-Z0-9_]*)")
	}
	if err := p.condition(m, it); err != nil {
		return err
	}
	return p.macroOrListMode(m, it, "condition")
}

// list reads a list item (spec §2–§4).
func (p *parser) list(m mapping, it *Item) error {
	name, _, err := m.str("list", true)
	if err != nil {
		return err
	}
	it.Name = name
	if !isListName(name) {
		p.warn(it.Range, "list has an invalid name, list names should match a regular expression: ([^()\"'[:space:]=,]+)")
	}
	elems, _, err := p.scalarSeq(m, "items", true)
	if err != nil {
		return err
	}
	it.ListItems = make([]ListItem, len(elems))
	for i, e := range elems {
		it.ListItems[i] = ListItem{Value: e.Value, Range: p.nodeRange(e)}
	}
	return p.macroOrListMode(m, it, "items")
}

// condition reads a required `condition` into it.Condition and
// it.ConditionAt.
func (p *parser) condition(m mapping, it *Item) error {
	c, v, err := m.str("condition", true)
	if err != nil {
		return err
	}
	it.Condition, it.ConditionAt = c, p.scalar(v)
	return nil
}

// macroOrListMode reads append and override for a macro or list, whose
// only overridable key is key. An append (either way) needs an earlier
// definition; a replace is a full redefinition (spec §4).
func (p *parser) macroOrListMode(m mapping, it *Item, key string) error {
	appendFlag, err := p.appendFlag(m)
	if err != nil {
		return err
	}
	keys := set(key)
	app, rep, err := p.overrides(m, keys, keys)
	if err != nil {
		return err
	}
	if appendFlag && (len(app) > 0 || len(rep) > 0) {
		return errOverrideAppend(m)
	}
	switch {
	case len(app) > 0 || len(rep) > 0:
		it.Mode = Override
	case appendFlag:
		it.Mode = LegacyAppend
	}
	it.changes = macroOrListDefine
	if appendFlag || app[key] {
		it.changes = macroOrListAppend
	}
	return nil
}

// A macro or list item makes one collector call, defined by its op alone:
// its items share these lists, which nothing changes (50k items made 6 MB
// of them).
var (
	macroOrListDefine = []change{{op: opDefine}}
	macroOrListAppend = []change{{op: opAppend}}
)
