package check

import (
	"fmt"

	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/evidence"
)

var platformMismatch = &Check{
	Doc: Doc{
		Code:     "platform-mismatch",
		Severity: diag.Warning,
		Title:    "Technique on none of the platforms the rule's event source runs on",
		Text: `Every ATT&CK technique lists the platforms it applies to. A Falco rule sees one event source,
and each source runs on some platforms only: syscall on Linux and Containers, k8s_audit on
Containers (ATT&CK's home for Kubernetes), the cloud plugins on IaaS, okta on Identity Provider
and SaaS, github on SaaS (the table is in docs/evidence.md). A technique none of whose platforms
is one of those cannot be what the rule sees: a Windows-only technique on a syscall rule, a Linux
technique on a CloudTrail rule. Tag the technique the rule's events show instead. Sources
falcomitre knows no platforms for (other plugins) are not checked.`,
	},
	Run: func(p *Pass) {
		if p.evidence == nil {
			return
		}
		w, _ := p.ruleWatch()
		for _, t := range p.liveTechniqueSet() {
			if p.evidence.OnPlatform(w.Source, t.Technique) {
				continue
			}
			v := p.verdict(w, t.Technique)
			if v.level != evidence.PlatformMismatch {
				continue
			}
			if !v.made {
				j := p.evidence.Judge(w, t.Technique)
				v.msg = fmt.Sprintf("%s (%s) is for %s; %s rules see %s", t.Technique.ID, t.Technique.Name,
					evidence.PlatformList(t.Technique.Platforms), w.Source, evidence.PlatformList(j.Platforms))
				v.made = true
			}
			p.reportTag(t, v.msg, "", t.Technique)
		}
	},
}
