package report

import (
	"fmt"

	"github.com/falcomitre/falcomitre/evidence"
)

// watchText is one thing ATT&CK says to watch: "AN1081 Linux:
// auditd:SYSCALL “execve” → Process Creation".
func watchText(w evidence.Watched) string {
	s := w.Log
	if w.Channel != "" && w.Channel != "None" {
		s += " “" + w.Channel + "”"
	}
	if w.Component != "" {
		s += " → " + w.Component
	}
	if w.Analytic != "" {
		s = w.Analytic + " " + w.Platform + ": " + s
	}
	return s
}

// evidenceText says in a line how a rule's verdict for a technique came
// out: "evidence: channel execve (auditd:SYSCALL, AN1081)".
func evidenceText(v *evidence.Verdict) string {
	if v.Level.Supports() {
		var best evidence.Watched
		for _, w := range v.Matched() {
			if w.By > best.By {
				best = w
			}
		}
		s := "evidence: " + best.By.String() + " " + best.On
		switch {
		case best.Log != "" && best.Log != best.On && best.Analytic != "":
			s += " (" + best.Log + ", " + best.Analytic + ")"
		case best.Analytic != "":
			s += " (" + best.Analytic + ")"
		}
		return s
	}
	if v.Level == evidence.Weak {
		return fmt.Sprintf("weak evidence: ATT&CK's analytics for %s on %s watch nothing the rule does", v.Technique, evidence.PlatformList(v.Platforms))
	}
	return v.Level.String() + ": " + v.Note
}
