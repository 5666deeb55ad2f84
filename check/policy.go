package check

import "fmt"

// TacticPolicy says how many of a technique's tactics a rule must tag.
type TacticPolicy string

// The tactic policies; the zero value means TacticsOne.
const (
	// TacticsOne asks for at least one tactic of each technique: the
	// falcosecurity convention, where the tactic says what the rule
	// detects. incomplete-tactics is then a note without a fix.
	TacticsOne TacticPolicy = "one"
	// TacticsAll asks for every tactic of every tagged technique, for
	// teams whose matrices must show a rule in each column its techniques
	// appear in: incomplete-tactics becomes an error whose fix adds the
	// missing tactic tags, and a technique's tactics are no longer a
	// choice, so the fixes of missing-tactic and tactic-mismatch add them
	// all and are safe.
	TacticsAll TacticPolicy = "all"
)

// ParseTacticPolicy reads a policy as the configuration and the command
// line spell it.
func ParseTacticPolicy(s string) (TacticPolicy, error) {
	switch p := TacticPolicy(s); p {
	case TacticsOne, TacticsAll:
		return p, nil
	}
	return "", fmt.Errorf("unknown tactic policy %q (want one or all)", s)
}

// all reports whether p is TacticsAll.
func (p TacticPolicy) all() bool { return p == TacticsAll }

// allTactics reports whether the run asks for every tactic of every
// technique.
func (p *Pass) allTactics() bool { return p.opt != nil && p.opt.TacticPolicy.all() }

// notATTACK reports whether the options say tag is never ATT&CK; the
// checks that read a rule's items rather than p.Tags ask it.
func (p *Pass) notATTACK(tag string) bool { return p.opt != nil && p.opt.notATTACK(tag) }
