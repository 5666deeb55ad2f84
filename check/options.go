package check

import (
	"slices"
	"strings"

	"github.com/falcomitre/falcomitre/condition"
	"github.com/falcomitre/falcomitre/diag"
)

// Options tune a run; the zero value runs every check at its default
// severity under the falcosecurity convention.
type Options struct {
	// Checks to run; nil runs every check.
	Checks []*Check
	// Disable lists codes not to run, on top of Checks.
	Disable []string
	// Severity overrides a check's severity, by code. It wins over the
	// severity TacticPolicy gives incomplete-tactics.
	Severity map[string]diag.Severity
	// TacticPolicy says how many of a technique's tactics a rule must
	// tag; "" means TacticsOne.
	TacticPolicy TacticPolicy
	// NotATTACKPrefixes are tag prefixes that are never ATT&CK, compared
	// in any ASCII case: tags that start with one are invisible to every
	// check (a team's own mitre_internal_review, say, would otherwise be
	// read as a misspelt tactic).
	NotATTACKPrefixes []string
	// Observations are what each rule watches, by rule name, as
	// condition.Analyze works them out. weak-evidence weighs a rule's
	// techniques only when it has one, so with none (nil) it does not
	// run; platform-mismatch needs only the rule's event source.
	Observations map[string]*condition.Observation
}

// checks returns the checks the run makes, each with the severity the
// options give it.
func (o Options) checks() []*Check {
	list := o.Checks
	if list == nil {
		list = all
	}
	out := make([]*Check, 0, len(list))
	for _, c := range list {
		if slices.Contains(o.Disable, c.Code) {
			continue
		}
		if sev := o.severity(c); sev != c.Severity {
			cc := *c
			cc.Severity = sev
			c = &cc
		}
		out = append(out, c)
	}
	return out
}

// severity is c's severity under the options: an override, else the
// policy's, else the default.
func (o Options) severity(c *Check) diag.Severity {
	if sev, ok := o.Severity[c.Code]; ok && sev != 0 {
		return sev
	}
	if c.Code == incompleteTactics.Code && o.TacticPolicy.all() {
		return diag.Error
	}
	return c.Severity
}

// notATTACK reports whether tag starts with one of the prefixes that are
// never ATT&CK.
func (o Options) notATTACK(tag string) bool {
	for _, p := range o.NotATTACKPrefixes {
		if p != "" && len(tag) >= len(p) && strings.EqualFold(tag[:len(p)], p) {
			return true
		}
	}
	return false
}

// Runs reports whether the options run the check with code, so that a
// caller can skip the work only that check needs.
func (o Options) Runs(code string) bool { return o.runs(code) }

// runs reports whether the options run the check with code.
func (o Options) runs(code string) bool {
	if slices.Contains(o.Disable, code) {
		return false
	}
	return o.Checks == nil || slices.ContainsFunc(o.Checks, func(c *Check) bool { return c.Code == code })
}
