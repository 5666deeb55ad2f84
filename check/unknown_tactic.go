package check

import (
	"fmt"
	"strings"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/diag"
)

var unknownTactic = &Check{
	Doc: Doc{
		Code:     "unknown-tactic",
		Severity: diag.Error,
		Title:    "Tactic tag that names no ATT&CK tactic",
		Text: `A tactic tag is "mitre_" followed by a tactic's shortname with "-" written as "_"
(mitre_privilege_escalation), or a tactic ID (TA0004). The tag names no tactic of the ATT&CK domain
in use: a typo, a technique's name written as a tactic (mitre_data_destruction is technique T1485),
or a tactic that ATT&CK has since renamed or retired. The tactic names come from the ATT&CK data, so
the list of valid tags follows the version checked against.`,
	},
	Run: func(p *Pass) {
		for _, t := range p.Tags {
			if !t.TacticRole || !t.Unknown {
				continue
			}
			var msg string
			if t.Ref.ID != "" {
				msg = fmt.Sprintf("%s is not a tactic of %s", t.Ref.ID, p.dataset())
			} else {
				msg = fmt.Sprintf("%q is not a tactic of %s", t.Value, p.dataset())
			}
			if tech, tactics := p.untaggedTactics(); len(tactics) > 0 {
				// The rule's technique knows its tactics: after ATT&CK
				// renames or splits a tactic, this is the answer.
				tags := p.tacticTags(tactics)
				msg += fmt.Sprintf("; the rule's technique %s belongs to %s", techName(tech), p.tacticNames(tactics))
				detail := "Tactic tags of " + p.dataset() + ": " + strings.Join(p.tacticTags(p.Catalog.Tactics), ", ")
				p.reportTag(t, msg, detail, tech, tags...)
				continue
			}
			if len(t.Hint) > 0 {
				h := t.Hint[0]
				if tech := p.Catalog.Technique(h); tech != nil {
					is := "is"
					if attack.NormalizeName(tech.Name) != words(t.Ref) {
						is = "looks like"
					}
					msg += fmt.Sprintf("; %q %s technique %s: tag %s with its tactic", words(t.Ref), is, techName(tech), h)
				} else {
					msg += fmt.Sprintf("; did you mean %s?", h)
				}
			}
			detail := "Tactic tags of " + p.dataset() + ": " + strings.Join(p.tacticTags(p.Catalog.Tactics), ", ")
			p.reportTag(t, msg, detail, p.Catalog.Technique(firstOr(t.Hint)), t.Hint...)
		}
	},
}

// untaggedTactics returns the first live technique of the rule, following
// revocations to the replacement, whose tactics the rule does not tag, and
// those tactics.
func (p *Pass) untaggedTactics() (*attack.Technique, []*attack.Tactic) {
	tagged := p.ruleTactics()
	for _, t := range p.Tags {
		techs := []*attack.Technique{t.Technique}
		if t.Technique == nil {
			continue
		}
		if t.Technique.Revoked {
			techs = p.Catalog.Replacements(t.Technique)
		}
		for _, tech := range techs {
			var miss []*attack.Tactic
			hit := false
			for _, tac := range p.tacticsOf(tech) {
				hit = hit || tagged[tac]
				miss = append(miss, tac)
			}
			if !hit && len(miss) > 0 {
				return tech, miss
			}
		}
	}
	return nil, nil
}

func firstOr(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
