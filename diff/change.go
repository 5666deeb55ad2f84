package diff

// Kind names a change. The values are stable: tools may match on them.
type Kind string

// Change kinds, in the order one ID's changes are listed.
const (
	// TacticRenamed: the TA ID lives on with another name or shortname.
	// A new shortname retires the old tag (mitre_defense_evasion).
	TacticRenamed Kind = "tactic-renamed"
	// TacticRetired: the TA ID is gone from To or deprecated there.
	TacticRetired Kind = "tactic-retired"
	// TacticAdded: a tactic of To that From does not have.
	TacticAdded Kind = "tactic-added"
	// TechniqueRevoked: live in From, revoked in To.
	TechniqueRevoked Kind = "technique-revoked"
	// TechniqueRemoved: in From, absent from To.
	TechniqueRemoved Kind = "technique-removed"
	// TechniqueDeprecated: live in From, deprecated in To.
	TechniqueDeprecated Kind = "technique-deprecated"
	// TechniqueRenamed: same ID, another name.
	TechniqueRenamed Kind = "technique-renamed"
	// TechniqueMoved: another parent, or a change between technique and
	// sub-technique, under the same ID.
	TechniqueMoved Kind = "technique-moved"
	// TechniqueTacticsChanged: the technique's tactics differ.
	TechniqueTacticsChanged Kind = "technique-tactics-changed"
)

// Kinds returns every kind in listing order.
func Kinds() []Kind {
	return []Kind{TacticRenamed, TacticRetired, TacticAdded, TechniqueRevoked, TechniqueRemoved,
		TechniqueDeprecated, TechniqueRenamed, TechniqueMoved, TechniqueTacticsChanged}
}

// Change is one thing that differs for one ID between From and To.
type Change struct {
	Kind Kind `json:"kind"`
	// ID is the technique or tactic ID; Name is its name in From (in To for
	// a new tactic).
	ID   string `json:"id"`
	Name string `json:"name"`
	// Message says what changed and what to write instead.
	Message string `json:"message"`
	URL     string `json:"url"`
	// Before and After are the ID in From and in To; nil where absent.
	Before *State `json:"before,omitempty"`
	After  *State `json:"after,omitempty"`
	// ReplacedBy are the live techniques of To that replace a revoked one,
	// through revoked-by chains.
	ReplacedBy []State `json:"replaced_by,omitempty"`
	// TacticsAdded and TacticsRemoved are what a technique gained and lost.
	TacticsAdded   []TacticRef `json:"tactics_added,omitempty"`
	TacticsRemoved []TacticRef `json:"tactics_removed,omitempty"`
	// Successors are, for a tactic whose tag no longer works, the tactics
	// of To that its techniques (the rules' techniques, with a rule set)
	// now belong to: the tags to write instead.
	Successors []TacticRef `json:"successors,omitempty"`
	// Rules are the rules' tags that name the ID, by position.
	Rules []Use `json:"rules,omitempty"`
}

// Status is whether an object is in use in its catalog.
type Status string

// Statuses.
const (
	Live       Status = "live"
	Revoked    Status = "revoked"
	Deprecated Status = "deprecated"
)

// State is a technique or tactic as one catalog has it.
type State struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Status Status `json:"status"`
	URL    string `json:"url"`
	// Tag is a tactic's canonical Falco tag.
	Tag string `json:"tag,omitempty"`
	// Parent is a sub-technique's parent ID.
	Parent string `json:"parent,omitempty"`
	// Tactics are a technique's tactics, in the data's order.
	Tactics []TacticRef `json:"tactics,omitempty"`
}

// TacticRef names a tactic with the tag Falco rules write for it.
type TacticRef struct {
	// ID and Name are empty when a technique names a shortname its
	// catalog has no tactic for.
	ID        string `json:"id"`
	Name      string `json:"name"`
	Shortname string `json:"shortname"`
	Tag       string `json:"tag"`
}

// Use is one tag of one rule that names a changed ID.
type Use struct {
	Rule string `json:"rule"`
	// Tag is the tag as written; File, Line and Column say where (columns
	// count bytes from 1, as in every falcomitre report).
	Tag    string `json:"tag"`
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	// Stale is whether the tag no longer means in To what it meant in
	// From: a revoked or removed technique, a tactic tag that is no
	// tactic any more.
	Stale bool `json:"stale"`
	// ReplaceWith are the canonical tags to write instead of a stale tag,
	// worked out from the rule's techniques; empty when nothing replaces it.
	ReplaceWith []string `json:"replace_with,omitempty"`
}
