package rules

import (
	"sort"

	"github.com/falcomitre/falcomitre/diag"
)

// Keys `override:` may name on a rule (spec §4): capture and
// capture_duration can be replaced since 0.42.0.
var (
	ruleAppendable  = set("condition", "output", "desc", "tags", "exceptions")
	ruleReplaceable = set("condition", "output", "desc", "tags", "exceptions", "priority",
		"enabled", "warn_evttypes", "skip-if-unknown-filter", "capture", "capture_duration")
)

// defaultSource is the source of a full definition without `source:`.
const defaultSource = "syscall"

// rule reads a rule item; the branch order is read_item's.
func (p *parser) rule(m mapping, it *Item) (*Item, error) {
	name, _, err := m.str("rule", true)
	if err != nil {
		return nil, err
	}
	it.Name = name
	p.readStrayTags(m, it)
	appendFlag, err := p.appendFlag(m)
	if err != nil {
		return nil, err
	}
	app, rep, err := p.overrides(m, ruleAppendable, ruleReplaceable)
	if err != nil {
		return nil, err
	}
	if appendFlag && len(app)+len(rep) > 0 {
		return nil, errOverrideAppend(m)
	}
	switch {
	case len(app)+len(rep) > 0:
		return p.ruleOverride(m, it, app, rep)
	case appendFlag:
		err = p.ruleAppend(m, it)
	case !m.has("condition") && !m.has("output") && !m.has("desc") && !m.has("priority"):
		err = p.ruleEnable(m, it)
	default:
		err = p.ruleDefine(m, it)
	}
	if err != nil {
		return nil, err
	}
	return it, nil
}

// lenientSource is `source:` of an update item, where Falco tolerates a
// null or missing source (spec §7) and compares it only when given.
func lenientSource(m mapping) string {
	if _, v := m.get("source"); isScalar(v) {
		return v.Value
	}
	return ""
}

// ruleDefine reads a full definition (spec §5): condition, output, desc
// and priority are required, in that order.
func (p *parser) ruleDefine(m mapping, it *Item) error {
	it.Mode = Define
	if err := p.condition(m, it); err != nil {
		return err
	}
	var err error
	if it.Output, _, err = m.str("output", true); err != nil {
		return err
	}
	if it.Desc, _, err = m.str("desc", true); err != nil {
		return err
	}
	if err := p.priority(m, it); err != nil {
		return err
	}
	if it.Source, _, err = m.str("source", false); err != nil {
		return err
	}
	if it.Enabled, err = m.boolean("enabled", false); err != nil {
		return err
	}
	if it.WarnEvttypes, err = m.boolean("warn_evttypes", false); err != nil {
		return err
	}
	if it.SkipIfUnknownFilter, err = m.boolean("skip-if-unknown-filter", false); err != nil {
		return err
	}
	if _, err := m.boolean("capture", false); err != nil {
		return err
	}
	if _, err := m.unsigned("capture_duration", false, 64); err != nil {
		return err
	}
	if err := p.readTags(m, it); err != nil {
		return err
	}
	exs, err := p.readExceptions(m, false)
	if err != nil {
		return err
	}
	enabled := true
	if it.Enabled != nil {
		enabled = *it.Enabled
	}
	source := it.Source
	if source == "" {
		source = defaultSource
	}
	it.changes = []change{{
		op: opDefine, source: source, enabled: &enabled,
		warnEvttypes: it.WarnEvttypes, skipUnknown: it.SkipIfUnknownFilter,
		setTags: true, tags: it.Tags, tagsKey: it.TagsKey,
		setExceptions: true, exceptions: exs,
	}}
	return nil
}

// priority reads and checks `priority:` (spec §7).
func (p *parser) priority(m mapping, it *Item) error {
	s, v, err := m.str("priority", true)
	if err != nil {
		return err
	}
	if !validPriority(s) {
		return diag.Errorf(p.nodeRange(v), "invalid priority %q", s)
	}
	it.Priority = s
	return nil
}

// ruleAppend reads a legacy `append: true` item (spec §3): only condition
// and exceptions count; tags, enabled and the rest are silently ignored.
func (p *parser) ruleAppend(m mapping, it *Item) error {
	it.Mode = LegacyAppend
	it.TagsIgnored = "append: true"
	p.keepIgnoredTags(m, it)
	it.Source = lenientSource(m)
	ch := change{op: opAppend, source: it.Source}
	if m.has("condition") {
		if err := p.condition(m, it); err != nil {
			return err
		}
		ch.hasAny = true
	}
	if m.has("exceptions") {
		exs, err := p.readExceptions(m, true)
		if err != nil {
			return err
		}
		ch.setExceptions, ch.exceptions, ch.hasAny = true, exs, true
	}
	it.changes = []change{ch}
	return nil
}

// ruleEnable reads an enable-only item (spec §5): `enabled` is required
// and everything else, tags included, is silently ignored.
func (p *parser) ruleEnable(m mapping, it *Item) error {
	it.Mode = EnableOnly
	it.TagsIgnored = "enable-only"
	p.keepIgnoredTags(m, it)
	it.Source = lenientSource(m)
	var err error
	if it.Enabled, err = m.boolean("enabled", true); err != nil {
		return err
	}
	p.warn(it.Range, "the standalone 'enabled' key usage is deprecated, the correct approach requires also a 'replace' entry under the 'override' key (i.e. 'enabled: replace')")
	// collector::enable looks the rule up by name only.
	it.changes = []change{{op: opEnable, enabled: it.Enabled}}
	return nil
}

// ruleOverride reads an item with `override:` (spec §4). The append part
// reaches the collector before the replace part is read, and the check for
// keys missing from `override` comes last, so an item can be applied in
// part before its error: then both are returned.
func (p *parser) ruleOverride(m mapping, it *Item, app, rep map[string]bool) (*Item, error) {
	it.Mode = Override
	switch {
	case app["tags"]:
		it.TagsOverride = "append"
	case rep["tags"]:
		it.TagsOverride = "replace"
	}
	it.Source = lenientSource(m)
	stop := func(err error) (*Item, error) {
		if len(it.changes) > 0 {
			return it, err
		}
		return nil, err
	}
	expected := map[string]bool{}
	for key := range ruleReplaceable {
		if m.has(key) {
			expected[key] = true
		}
	}
	parts := []struct {
		op      opKind
		article string
		keys    map[string]bool
		order   []string
	}{
		{opAppend, "an append", app, []string{"condition", "exceptions", "output", "desc", "tags"}},
		{opReplace, "a replace", rep, []string{"condition", "exceptions", "output", "desc", "tags",
			"priority", "enabled", "warn_evttypes", "skip-if-unknown-filter", "capture", "capture_duration"}},
	}
	for _, part := range parts {
		if len(part.keys) == 0 {
			continue
		}
		ch := change{op: part.op, hasAny: true, source: it.Source}
		for _, key := range part.order {
			if !part.keys[key] {
				continue
			}
			if !expected[key] {
				return stop(diag.Errorf(m.at, "%s override for '%s' was specified but '%s' is not defined", part.article, key, key))
			}
			delete(expected, key)
			if key == "condition" {
				it.ConditionOverride = "append"
				if part.op == opReplace {
					it.ConditionOverride = "replace"
				}
			}
			if err := p.overrideValue(m, it, &ch, key); err != nil {
				return stop(err)
			}
		}
		it.changes = append(it.changes, ch)
	}
	if len(expected) > 0 {
		keys := make([]string, 0, len(expected))
		for k := range expected {
			keys = append(keys, k)
		}
		sort.Strings(keys) // Falco keeps them in a std::set
		k, _ := m.get(keys[0])
		return stop(diag.Errorf(p.nodeRange(k), "unexpected key '%s': no corresponding entry under 'override' is defined", keys[0]))
	}
	return it, nil
}

// overrideValue decodes one key named under `override:`.
func (p *parser) overrideValue(m mapping, it *Item, ch *change, key string) error {
	var err error
	switch key {
	case "condition":
		err = p.condition(m, it)
	case "output":
		it.Output, _, err = m.str(key, true)
	case "desc":
		it.Desc, _, err = m.str(key, true)
	case "priority":
		err = p.priority(m, it)
	case "tags":
		if err = p.readTags(m, it); err == nil {
			ch.setTags, ch.tags, ch.tagsKey = true, it.Tags, it.TagsKey
		}
	case "exceptions":
		var exs []exception
		if exs, err = p.readExceptions(m, true); err == nil {
			ch.setExceptions, ch.exceptions = true, exs
		}
	case "enabled":
		if it.Enabled, err = m.boolean(key, true); err == nil {
			ch.enabled = it.Enabled
		}
	case "capture_duration":
		_, err = m.unsigned(key, true, 64)
	case "warn_evttypes":
		if it.WarnEvttypes, err = m.boolean(key, true); err == nil {
			ch.warnEvttypes = it.WarnEvttypes
		}
	case "skip-if-unknown-filter":
		if it.SkipIfUnknownFilter, err = m.boolean(key, true); err == nil {
			ch.skipUnknown = it.SkipIfUnknownFilter
		}
	default: // capture
		_, err = m.boolean(key, true)
	}
	return err
}
