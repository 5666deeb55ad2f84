package evidence

import (
	"strings"
)

// Watches says in a line what ATT&CK's side of v watches: its logs, then
// its data components, "auditd:SYSCALL, linux:Sysmon (OS API Execution,
// Process Creation)"; for releases without analytics, the components.
func (v *Verdict) Watches() string {
	var logs, comps []string
	for _, w := range v.ATTACK {
		if w.Log != "" && !contains(logs, w.Log) {
			logs = append(logs, w.Log)
		}
		if w.Component != "" && !contains(comps, w.Component) {
			comps = append(comps, w.Component)
		}
	}
	switch {
	case len(logs) == 0 && len(comps) == 0:
		return "nothing"
	case len(logs) == 0:
		return "the data components " + andList(shortList(comps, 5))
	case len(comps) == 0:
		return andList(shortList(logs, 5))
	}
	return andList(shortList(logs, 5)) + " (" + strings.Join(shortList(comps, 5), ", ") + ")"
}

// Detail lists ATT&CK's side of v one entry a line, with the channel and
// how the rule meets it:
//
//	AN0613 Linux: auditd:SYSCALL "unshare, mount, keyctl, setns syscalls ..." → OS API Execution
func (v *Verdict) Detail() string {
	var b strings.Builder
	for _, w := range v.ATTACK {
		if w.Analytic != "" {
			b.WriteString(w.Analytic + " " + w.Platform + ": ")
		}
		if w.Log != "" {
			b.WriteString(w.Log)
			if w.Channel != "" && w.Channel != "None" {
				b.WriteString(" " + quote(clip(w.Channel, 70)))
			}
			if w.Component != "" {
				b.WriteString(" → ")
			}
		}
		b.WriteString(w.Component)
		if w.By != Unknown {
			b.WriteString(" [the rule meets it: " + w.By.String() + "]")
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// PlatformList says "Linux and Containers".
func PlatformList(ps []string) string { return andList(ps) }

// clip shortens s to n bytes at a word boundary, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < n/2 {
		cut = n
	}
	return s[:cut] + " …"
}

// andList joins "a", "a and b", "a, b and c".
func andList(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

func contains(s []string, x string) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}
