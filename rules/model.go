// Package rules loads Falco rules files the way Falco's rule loader does and
// keeps, for every value a check sees, the file, line, column and byte
// offset where it was written.
//
// The behaviour follows Falco's engine (userspace/engine/rule_loader_*.cpp);
// ../shared/spec/falco-loader.md in the falcomitre workspace summarises it
// with citations, and the comments here name the section they implement.
package rules

import "github.com/falcomitre/falcomitre/diag"

// Kind is what a top-level item defines, decided by its first key in
// Falco's order (spec §1).
type Kind int

// Item kinds, in the order Falco tests for their keys.
const (
	KindUnknown Kind = iota
	KindRequiredEngineVersion
	KindRequiredPluginVersions
	KindList
	KindMacro
	KindRule
)

// Mode says how a rule, macro or list item changes what came before it.
type Mode int

// Item modes (spec §2–§5).
const (
	// Define is a full definition; a second one replaces the first whole.
	Define Mode = iota
	// LegacyAppend is `append: true`: only condition and exceptions count.
	LegacyAppend
	// Override is `override: {key: append|replace}`.
	Override
	// EnableOnly is a rule item with only `enabled` (and ignored keys).
	EnableOnly
)

// Tag is one element of a `tags` sequence as written.
type Tag struct {
	Value string     // the scalar's text, as Falco reads it
	Range diag.Range // the scalar, quotes included
	// Quoted is the scalar's style: 0, '\'' or '"'. The fix patcher keeps it.
	Quoted byte
	Item   *Item // the item that wrote it
	// Index is the tag's place in Item.Tags (or Item.StrayTags), and so
	// in Item.TagsSeq.Elems.
	Index int
}

// ListItem is one element of a list's `items`.
type ListItem struct {
	Value string
	Range diag.Range
}

// Key is a mapping key with its position, for findings that point at a key
// (a `tags` key, a misspelt `Tags:`).
type Key struct {
	Name  string
	Range diag.Range
}

// Item is one top-level element of a rules file.
type Item struct {
	Kind  Kind
	Mode  Mode
	Name  string     // the value of rule:, macro: or list:
	Range diag.Range // the item's first key, where Falco points its messages
	File  *File

	// Tags are the elements of the item's `tags` sequence in source order,
	// duplicates kept (Falco keeps a set, so duplicates are findings).
	Tags []Tag
	// TagsKey is the `tags` key, nil when the item has none.
	TagsKey *Key
	// TagsSeq is how the `tags` sequence is written, nil unless Falco
	// reads it (no key, or tags Falco ignores, see TagsIgnored).
	TagsSeq *Seq
	// TagsOverride is "append" or "replace" when `override:` names tags.
	TagsOverride string
	// TagsIgnored is why Falco drops this item's tags, "" when it does not:
	// "append: true" (spec §3) or "enable-only" (spec §5).
	TagsIgnored string
	// StrayTagKeys are keys that look meant as `tags` but are not (Tags:,
	// tag:, TAGS:); Falco ignores them. Their values follow in StrayTags.
	StrayTagKeys []Key
	StrayTags    []Tag

	Source  string // `source:` as written, "" when absent
	Enabled *bool  // `enabled:` when present and read by Falco (not on appends)
	// WarnEvttypes and SkipIfUnknownFilter are `warn_evttypes` and
	// `skip-if-unknown-filter` when present and read by Falco.
	WarnEvttypes, SkipIfUnknownFilter *bool

	Condition string // for macros and rules, as written (for later checks)
	// ConditionAt is the condition's scalar, nil when the item has no
	// condition: the condition package maps positions through it.
	ConditionAt *Scalar
	// ConditionOverride is "append" or "replace" when `override:` names
	// the condition, "" otherwise (spec §4).
	ConditionOverride string
	// ListItems are a list item's `items`, in order, as Falco reads them.
	ListItems []ListItem
	Desc      string
	Output    string
	Priority  string

	// changes are the collector calls the item makes, in order; Resolve
	// applies them.
	changes []change
}

// File is one loaded rules file.
type File struct {
	Path string // as given by the user
	// Src is the bytes read, unchanged. Nothing writes to it afterwards:
	// values read from it may share its memory.
	Src   []byte
	Items []*Item
	// Err is the error that stopped loading this file, nil when it loaded.
	// Items before the error stay, as in Falco (spec §0).
	Err error
	// Warnings are Falco's load warnings (unknown keys, unknown items,
	// deprecated append), for information.
	Warnings []*diag.InputError

	// What Parse found, which Resolve starts from each time: the error,
	// every item read, every warning and the index of the item it is about.
	readErr  error
	parsed   []*Item
	warnings []*diag.InputError
	warnItem []int
	// fast is set when the file was read in chunks, each by fastDecode:
	// no anchors or aliases, so that no item points into another's
	// bytes, and Reparse may move items.
	fast bool
}

// Rule is a rule as it stands after every file has loaded.
type Rule struct {
	Name   string
	Source string // effective event source, "syscall" by default
	// Enabled is the effective enabled flag.
	Enabled bool
	// WarnEvttypes is whether Falco warns of a syscall rule that matches
	// too many event types (true by default); SkipIfUnknownFilter whether
	// an unknown field or event type skips the rule instead of failing
	// the load (false by default). Spec §7.
	WarnEvttypes, SkipIfUnknownFilter bool
	// Def is the item of the definition in force (the last full one).
	Def *Item
	// Items are every item that touched the rule after Def, in load order
	// (appends, overrides, enable-only items), Def first.
	Items []*Item
	// Tags are the effective tags, one per distinct value, byte-sorted as
	// Falco's std::set keeps them; each is the tag of Items where it was
	// first written, in load order, and shares its memory (a copy per
	// rule was a tenth of a 100k-rule set's model).
	Tags []*Tag
	// TagsKey is the `tags` key of the item whose tags are in force (the
	// definition or the last replace), for findings about a whole tag set;
	// nil when that item has no tags key.
	TagsKey *Key
	// Exceptions are the rule's exceptions in force, in order; Falco
	// adds them to the condition as `and not (…)` clauses.
	Exceptions []Exception
}

// Exception is a rule exception as Falco's collector holds it after every
// file: merged by name across appends, its comps filled in with their
// defaults (rule_loader_collector.cpp validate_exception_info).
type Exception struct {
	Name   string
	Fields ExceptionValue
	Comps  ExceptionValue
	Values []ExceptionValue
	// Range is the exception's mapping where it was first written.
	Range diag.Range
}

// ExceptionValue is a string or a list of them, as Falco reads fields,
// comps and values (rule_exception_info::entry). A value of another shape
// is an invalid, empty entry.
type ExceptionValue struct {
	IsList bool
	Item   string
	Items  []ExceptionValue
}

// Set is everything loaded from a list of files, in load order.
type Set struct {
	Files []*File
	// Rules are in Falco's compile order: a redefined rule keeps its first
	// slot (spec §2).
	Rules  []*Rule
	Macros []*Item // the definitions in force, in first-definition order
	Lists  []*Item
	// MacroInfos and ListInfos follow Macros and Lists, one for one:
	// each definition in force with the appends made to it since, and
	// the collector order Falco compiles macros by.
	MacroInfos []*Named
	ListInfos  []*Named
}

// Named is a macro or list as Falco's collector holds it at the end
// (rule_loader::macro_info, list_info): the definition in force, the
// appends made to it after that definition, and two collector ids. Index
// is the id of the first definition, kept across redefinitions; Visibility
// is the id of the latest define or append (collector.cpp define_info,
// append_info). A macro sees the macros whose Index is below its
// Visibility (falco-conditions spec §3). Ids count every collector call
// in load order; only their order matters.
type Named struct {
	Def *Item
	// First is the first definition, Def unless it was redefined: Falco
	// compiles after each file, so a reference from an earlier file
	// than First's is undefined there.
	First      *Item
	Appends    []*Item
	Index      int
	Visibility int
}

// Errs returns the errors of the files that did not load, in load order.
func (s *Set) Errs() []error {
	var errs []error
	for _, f := range s.Files {
		if f.Err != nil {
			errs = append(errs, f.Err)
		}
	}
	return errs
}
