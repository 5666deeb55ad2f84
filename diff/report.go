// Package diff compares two ATT&CK catalogs of one domain: the upgrade
// report a Falco rule maintainer reads before moving the pinned ATT&CK
// version. Given a rule set it looks only at the techniques and tactics the
// rules' tags name, and says for each tag what to write instead; without
// one it is the release's changelog for everything the older catalog has.
package diff

// Report is the outcome of Compare, the typed model every writer renders.
// Its JSON form is what falcomitre attack diff --format json prints:
// fields are only ever added.
type Report struct {
	From Dataset `json:"from"`
	To   Dataset `json:"to"`
	// Scope says what was compared: the IDs a rule set uses, or the release.
	Scope Scope `json:"scope"`
	// Files are the rules files, in load order, when Scope is ScopeRules.
	Files []string `json:"files,omitempty"`
	// Rules is the number of rules in force, when Scope is ScopeRules.
	Rules int `json:"rules,omitempty"`
	// Changes are ordered: tactics in From's matrix order, then tactics new
	// in To in its matrix order, then techniques by ID; one ID's changes
	// follow the order of Kinds.
	Changes []Change `json:"changes"`
	Summary Summary  `json:"summary"`
}

// Dataset names one side of the comparison.
type Dataset struct {
	Domain  string `json:"domain"`
	Version string `json:"version"`
	// Source is "embedded", a file path or a URL.
	Source string `json:"source"`
}

// Scope is what a report covers.
type Scope string

// Scopes.
const (
	// ScopeRules covers the IDs and tactic tags the rules' tags use.
	ScopeRules Scope = "rules"
	// ScopeRelease covers every technique and tactic of From.
	ScopeRelease Scope = "release"
)

// Summary counts a report so that a clean upgrade reads as one.
type Summary struct {
	// Changes is len(Report.Changes).
	Changes int `json:"changes"`
	// Kinds counts the changes by kind; kinds with none are left out.
	Kinds map[Kind]int `json:"kinds"`
	// Changed is how many IDs have at least one change, new tactics included.
	Changed int `json:"changed"`
	// Unchanged is how many compared IDs of From did not change.
	Unchanged int `json:"unchanged"`
	// StaleTags counts the rules' tags that no longer mean in To what they
	// meant in From: the tags to rewrite before the upgrade.
	StaleTags int `json:"stale_tags"`
}
