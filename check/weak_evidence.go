package check

import (
	"fmt"

	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/evidence"
)

var weakEvidence = &Check{
	Doc: Doc{
		Code:     "weak-evidence",
		Severity: diag.Note,
		Title:    "Technique whose ATT&CK analytics watch nothing the rule watches",
		Text: `ATT&CK 18 says, for each technique and platform, what its analytics watch: log sources,
their channels (auditd:SYSCALL "execve", kubernetes:audit, AWS:CloudTrail) and the data
components they feed (Process Creation). falcomitre works out what the rule watches from its
condition (its event source, event types and fields, through the table in docs/evidence.md) and
reports a technique none of whose analytics, on the platforms the rule's source runs on, watch any
of it: a rule on file opens tagged T1611 (Escape to Host), whose Linux analytics watch unshare,
mount and setns. The tag may still be right (ATT&CK's analytics are examples, not a complete
list), but it is worth a second look: tag the technique the rule's events show, or run
falcomitre suggest on the rule. Releases before 18 have no analytics; their data components are
compared instead.

The check needs the rules' conditions analysed; without them (a library caller that passes no
Options.Observations) it does not run.`,
	},
	Run: func(p *Pass) {
		if p.evidence == nil {
			return
		}
		w, observed := p.ruleWatch()
		if !observed {
			return
		}
		for _, t := range p.liveTechniqueSet() {
			v := p.verdict(w, t.Technique)
			if v.level != evidence.Weak {
				continue
			}
			if !v.made {
				platforms, watches, detail := p.evidence.WeakText(w, t.Technique)
				v.msg = fmt.Sprintf("%s (%s): on %s ATT&CK's analytics for it watch %s; the rule watches %s, none of that",
					t.Technique.ID, t.Technique.Name, platforms, watches, w.Describe())
				v.detail, v.made = detail, true
			}
			p.reportTag(t, v.msg, v.detail, t.Technique)
		}
	},
}
