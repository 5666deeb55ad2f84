// Package coverage works out which Falco rules cover which ATT&CK
// technique under which tactic: the model behind the rules overview, the
// ATT&CK matrix, the Navigator layer and the coverage diff.
//
// It is built from the checked model: the effective tags of a rules.Set
// read by check.ReadTags against an attack.Catalog, so a misspelt tag
// counts where the checks say it belongs, and a tag the checks reject
// (an unknown or revoked technique, a technique under none of the rule's
// tactics) is listed as not counted instead of being spread to tactics the
// rule did not tag.
//
// Gaps have an honest denominator: each tactic's techniques are those of
// the platforms in scope (given, or the defaults of the rules' event
// sources), and sub-techniques count toward their parent.
package coverage

import (
	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/evidence"
)

// Model is the coverage of one rule set against one catalog.
type Model struct {
	Catalog *attack.Catalog
	// Files are the rules files, as given, in load order.
	Files []string
	// Scope is the platforms whose techniques make up the denominators.
	Scope Scope
	// Rules are in Falco's compile order.
	Rules []*Rule
	// Columns are the catalog's live tactics in matrix order.
	Columns []*Column
	// Uncounted are the ATT&CK tags that cover nothing, in rule order.
	Uncounted []Uncounted
	// Techniques counts distinct parent techniques in scope, and Covered
	// those that some rule covers under at least one tactic.
	Techniques, Covered int

	matcher *evidence.Matcher
	// verdicts are the matcher's, by watch and technique: rules that
	// watch alike share a Watch (check.Reader), and a large set asks
	// the same question of thousands of them.
	verdicts map[verdictKey]*evidence.Verdict
}

// Scope says which techniques count.
type Scope struct {
	// Platforms in scope, in the catalog's spelling, sorted; empty means
	// every technique counts.
	Platforms []string
	// From says where Platforms came from: ScopeGiven, ScopeSources or
	// ScopeAll.
	From string
	// Sources are the event sources the defaults were taken from.
	Sources []string
}

// Where a scope came from.
const (
	ScopeGiven   = "given"   // --platform
	ScopeSources = "sources" // the defaults of the rules' event sources
	ScopeAll     = "all"     // no platform filter
)

// Rule is one rule in force, with its tags sorted into what the overview
// shows.
type Rule struct {
	Name     string
	Desc     string
	Priority string
	Source   string
	Enabled  bool
	// File and Line say where the definition in force starts.
	File string
	Line int
	// Maturity is the rule's maturity_* tags without the prefix, joined
	// with ", " in the rare case of several; "" when it has none.
	Maturity string
	// Workload are the rule's host and container tags, sorted.
	Workload []string
	// Tactics are the known tactics the rule tags, in matrix order.
	Tactics []*attack.Tactic
	// Techniques are the rule's technique tags, by ID.
	Techniques []TechniqueTag
	// Compliance are the PCI_DSS_* and NIST_800-53_* tags, sorted.
	Compliance []string
	// Other are the tags that are none of the above, byte-sorted.
	Other []string
	// Findings are the check findings about the rule, in report order.
	Findings []check.Finding
	// Watch is what the rule watches in ATT&CK's terms, from the
	// observations in Options.Check; nil when there were none.
	Watch *evidence.Watch
}

// TechniqueTag is a technique tag of a rule, read against the catalog.
type TechniqueTag struct {
	Tag string // as written
	// Technique is nil when the catalog has no such ID.
	Technique *attack.Technique
	// Under are the rule's tactics the technique belongs to, in matrix
	// order: the cells it covers. Empty when it covers none.
	Under []*attack.Tactic
}

// Column is one tactic of the matrix.
type Column struct {
	Tactic *attack.Tactic
	// Cells are the tactic's live parent techniques, by name, in scope or
	// not: a writer hides those out of scope that no rule covers.
	Cells []*Cell
	// TacticOnly are the rules that tag the tactic and no technique of it.
	TacticOnly []*Rule
	// Rules are every rule that tags the tactic, by name.
	Rules []*Rule
	// Techniques counts the cells in scope, and Covered those covered.
	Techniques, Covered int
}

// Cell is one technique under one tactic, its sub-techniques folded in.
type Cell struct {
	Tactic    *attack.Tactic
	Technique *attack.Technique
	// InScope is whether the technique is on a platform in scope.
	InScope bool
	// Rules are the rules that tag the technique or one of its
	// sub-techniques under this tactic, by name.
	Rules []*Rule
	// Direct are the rules that tag the technique itself, by name.
	Direct []*Rule
	// Subs are the sub-techniques some rule tags under this tactic, by ID.
	Subs []*SubCell
}

// SubCell is a sub-technique folded under its parent's cell.
type SubCell struct {
	Technique *attack.Technique
	Rules     []*Rule // by name
}

// Uncounted is an ATT&CK tag that covers no cell, and why.
type Uncounted struct {
	Rule *Rule
	Tag  string
	// Reason is one of the Reason constants.
	Reason string
	// Technique is the technique named, nil when unknown.
	Technique *attack.Technique
}

// Why a tag covers nothing.
const (
	ReasonUnknown        = "unknown"         // the catalog has no such technique or tactic
	ReasonRevoked        = "revoked"         // ATT&CK revoked the technique
	ReasonDeprecated     = "deprecated"      // ATT&CK deprecated the technique or tactic
	ReasonNoTactic       = "no-tactic"       // the rule tags no tactic
	ReasonTacticMismatch = "tactic-mismatch" // none of the rule's tactics is one of the technique's
	ReasonNoParent       = "no-parent"       // a sub-technique whose parent is not live
)

// Percent returns covered as a percentage of total, 0 when total is 0.
func Percent(covered, total int) float64 {
	if total == 0 {
		return 0
	}
	return 100 * float64(covered) / float64(total)
}

// Gaps returns the column's cells in scope that no rule covers.
func (c *Column) Gaps() []*Cell {
	var out []*Cell
	for _, cell := range c.Cells {
		if cell.InScope && len(cell.Rules) == 0 {
			out = append(out, cell)
		}
	}
	return out
}

// Covering returns the cells some rule covers, in scope or not.
func (c *Column) Covering() []*Cell {
	var out []*Cell
	for _, cell := range c.Cells {
		if len(cell.Rules) > 0 {
			out = append(out, cell)
		}
	}
	return out
}
