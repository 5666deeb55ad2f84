package rules

// opKind is the collector call an item makes (spec §2–§5).
type opKind int

const (
	opDefine  opKind = iota // collector::define
	opAppend                // collector::append
	opReplace               // collector::selective_replace
	opEnable                // collector::enable
)

// change is what one collector call carries, as far as the checks care:
// Parse records them on each item and Resolve applies them in order.
type change struct {
	op opKind
	// hasAny is rule_update_info::has_any_value for a legacy append: a
	// condition or exceptions to append.
	hasAny bool
	// source is the item's source when Falco compares it with the rule's
	// (spec §2); "" when it does not.
	source  string
	setTags bool
	tags    []Tag
	tagsKey *Key
	enabled *bool
	// warnEvttypes and skipUnknown are the rule's flags when the item
	// sets them (spec §7).
	warnEvttypes, skipUnknown *bool

	setExceptions bool
	exceptions    []exception
}
