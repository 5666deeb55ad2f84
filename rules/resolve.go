package rules

import (
	"slices"
	"strings"

	"github.com/falcomitre/falcomitre/diag"
)

// Resolve applies the items of files, in order, the way Falco's collector
// does (rule_loader_collector.cpp, spec §2–§5), and returns what stands at
// the end. Like `falco -V` it keeps going after a file fails: the items of
// that file read before its error stay applied (spec §0).
//
// Resolve sets each File.Err to the first error of the file: an error of
// the collector (an append or override to a rule that does not exist, a
// source mismatch), which depends on the files before it, or else the one
// Parse found. After a collector error, File.Items and File.Warnings keep
// only what Falco got to: the items the collector applied, the failing one
// included when part of it was applied (an override's append before its
// replace), and the warnings of those items and of the failing one.
// Resolve starts from what Parse found each time, so it may be called
// again on other lists of the same files. The files must come from Parse
// (or Load): the collector calls are recorded there.
func Resolve(files []*File) *Set {
	c := newCollector()
	s := &Set{}
	for _, f := range files {
		if f == nil {
			continue
		}
		s.Files = append(s.Files, f)
		var run fileRun
		c.applyItems(&run, f.parsed)
		run.finish(f)
	}
	return c.set(s)
}

func newCollector() *collector {
	c := &collector{rules: map[string]*ruleState{}}
	c.macros.index = map[string]int{}
	c.lists.index = map[string]int{}
	return c
}

// fileRun is the collector's progress through one file: the items it
// applied, and the error that stopped it with whether that item was
// partly applied.
type fileRun struct {
	n       int
	err     error
	applied bool
}

// applyItems applies the next items of the file, in order, until one
// fails; after that it applies nothing.
func (c *collector) applyItems(run *fileRun, items []*Item) {
	for _, it := range items {
		if run.err != nil {
			return
		}
		applied, err := c.apply(it)
		if err != nil {
			run.err, run.applied = err, applied
			return
		}
		run.n++
	}
}

// finish sets the file's Err, Items and Warnings from what Parse found and
// the run, as Resolve documents.
func (run *fileRun) finish(f *File) {
	f.Err, f.Items, f.Warnings = f.readErr, f.parsed, f.warnings
	if run.err != nil {
		f.Err = run.err
		f.stopAt(run.n, run.applied)
	}
}

// set fills s with what stands at the end.
func (c *collector) set(s *Set) *Set {
	for _, st := range c.order {
		s.Rules = append(s.Rules, st.final())
	}
	s.Macros = c.macros.defs
	s.Lists = c.lists.defs
	s.MacroInfos = c.macros.infos
	s.ListInfos = c.lists.infos
	return s
}

// collector is the state of Falco's rule_loader::collector that the checks
// need.
type collector struct {
	rules  map[string]*ruleState
	order  []*ruleState // first-definition order, Falco's compile order
	macros namedItems
	lists  namedItems
	// seq numbers the collector calls, Falco's m_cur_index.
	seq int
}

// ruleState is a rule being built.
type ruleState struct {
	rule *Rule
	// tags are the rule's tags, each value once, where it was first
	// written. A slice, not a map: rules have a handful of tags, and
	// 100k maps were a fifth of Resolve's time.
	tags       []*Tag
	exceptions []exception
}

// namedItems are the macro or list definitions in force, each keeping the
// slot of its first definition (define_info).
type namedItems struct {
	index map[string]int
	defs  []*Item
	infos []*Named
}

// stopAt trims the file to what Falco read before the collector failed on
// its i-th item; applied says whether part of that item was applied.
func (f *File) stopAt(i int, applied bool) {
	n := i
	if applied {
		n++
	}
	f.Items = f.parsed[:n:n]
	f.Warnings = nil
	for w, at := range f.warnItem {
		if at <= i {
			f.Warnings = append(f.Warnings, f.warnings[w])
		}
	}
}

// apply makes the collector calls of it; applied reports whether any of
// them changed the collector, even when a later one failed.
func (c *collector) apply(it *Item) (applied bool, err error) {
	for _, ch := range it.changes {
		var done bool
		switch it.Kind {
		case KindRule:
			done, err = c.applyRule(it, ch)
		case KindMacro:
			err = c.macros.apply(it, ch, c.seq, "macro %q uses 'append' or 'override.condition: append' but no macro by that name already exists")
		case KindList:
			err = c.lists.apply(it, ch, c.seq, "list %q uses 'append' or 'override.items: append' but no list by that name already exists")
		}
		c.seq++
		applied = applied || done || err == nil
		if err != nil {
			return applied, err
		}
	}
	return applied, nil
}

func (n *namedItems) apply(it *Item, ch change, id int, noPrev string) error {
	i, ok := n.index[it.Name]
	switch {
	case ch.op == opAppend && !ok:
		return diag.Errorf(it.Range, noPrev, it.Name)
	case ch.op == opAppend:
		info := n.infos[i]
		info.Appends = append(info.Appends, it)
		info.Visibility = id
	case ok:
		// A redefinition drops earlier appends and keeps the slot.
		n.defs[i] = it
		n.infos[i] = &Named{Def: it, First: n.infos[i].First, Index: n.infos[i].Index, Visibility: id}
	default:
		n.index[it.Name] = len(n.defs)
		n.defs = append(n.defs, it)
		n.infos = append(n.infos, &Named{Def: it, First: it, Index: id, Visibility: id})
	}
	return nil
}

// applyRule makes one collector call for a rule item; done reports that
// it changed the rule, which collector::append can do before failing.
func (c *collector) applyRule(it *Item, ch change) (done bool, err error) {
	st := c.rules[it.Name]
	// find_prev_rule: only two explicit, different sources clash (spec §2).
	if st != nil && ch.source != "" && st.rule.Source != ch.source {
		return false, diag.Errorf(it.Range, "rule %q has been re-defined with a different source (%q, was %q)", it.Name, ch.source, st.rule.Source)
	}
	switch ch.op {
	case opDefine:
		exs, err := defineExceptions(ch.exceptions)
		if err != nil {
			return false, err
		}
		if st == nil {
			st = &ruleState{}
			c.rules[it.Name] = st
			c.order = append(c.order, st)
		}
		// A redefinition replaces everything, earlier appends included,
		// and keeps the slot (spec §2).
		st.rule = &Rule{Name: it.Name, Source: ch.source, Enabled: *ch.enabled, Def: it, TagsKey: ch.tagsKey,
			WarnEvttypes: ch.warnEvttypes == nil || *ch.warnEvttypes, SkipIfUnknownFilter: ch.skipUnknown != nil && *ch.skipUnknown}
		st.tags = make([]*Tag, 0, len(ch.tags))
		st.addTags(ch.tags)
		st.exceptions = exs
	case opAppend:
		if st == nil {
			return false, diag.Errorf(it.Range, "rule %q uses 'append' or 'override.<key>: append' but no rule by that name already exists", it.Name)
		}
		if !ch.hasAny {
			return false, diag.Errorf(it.Range, "appended rule %q must have exceptions or condition property", it.Name)
		}
		st.touch(it)
		st.addTags(ch.tags)
		// Exceptions merge last, after the tags: an error here leaves
		// the tags appended, as in collector::append.
		st.exceptions, err = appendExceptions(st.exceptions, ch.exceptions)
		return true, err
	case opReplace:
		if st == nil {
			return false, diag.Errorf(it.Range, "an 'override.<key>: replace' to rule %q was requested but no rule by that name already exists", it.Name)
		}
		if ch.setTags {
			st.tags = nil
			st.addTags(ch.tags)
			st.rule.TagsKey = ch.tagsKey
		}
		if ch.enabled != nil {
			st.rule.Enabled = *ch.enabled
		}
		if ch.warnEvttypes != nil {
			st.rule.WarnEvttypes = *ch.warnEvttypes
		}
		if ch.skipUnknown != nil {
			st.rule.SkipIfUnknownFilter = *ch.skipUnknown
		}
		if ch.setExceptions {
			// selective_replace takes the exceptions as read: no
			// validation, so no default comps either.
			st.exceptions = ch.exceptions
		}
	case opEnable:
		if st == nil {
			return false, diag.Errorf(it.Range, "rule %q has 'enabled' key but no rule by that name already exists", it.Name)
		}
		st.rule.Enabled = *ch.enabled
	}
	st.touch(it)
	return true, nil
}

// touch records that it is in force for the rule.
func (st *ruleState) touch(it *Item) {
	if n := len(st.rule.Items); n == 0 || st.rule.Items[n-1] != it {
		st.rule.Items = append(st.rule.Items, it)
	}
}

// addTags merges tags into the set, keeping the first writing of each
// value (Falco's std::set::insert, spec §4, §6).
func (st *ruleState) addTags(tags []Tag) {
	for i := range tags {
		t := &tags[i]
		if !slices.ContainsFunc(st.tags, func(o *Tag) bool { return o.Value == t.Value }) {
			st.tags = append(st.tags, t)
		}
	}
}

// final returns the rule with its tags byte-sorted, as std::set keeps them.
// The state is Resolve's alone and dropped after, so the rule takes its
// slices rather than copies.
func (st *ruleState) final() *Rule {
	r := st.rule
	r.Items = slices.Clip(r.Items)
	r.Exceptions = exported(st.exceptions)
	r.Tags = slices.Clip(st.tags)
	slices.SortFunc(r.Tags, func(a, b *Tag) int { return strings.Compare(a.Value, b.Value) })
	return r
}
