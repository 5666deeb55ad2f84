package attack

import "strings"

// Analytic is one of ATT&CK 18's analytics: how a detection strategy
// watches for a technique on a platform, through the log sources it
// names. Releases before 18 have none; their techniques say only which
// data components detect them.
type Analytic struct {
	ID       string // "AN1081"
	Strategy string // "DET0384", the detection strategy that holds it
	// Platforms are the platforms it watches, one in every 18.x analytic.
	Platforms  []string `json:",omitempty"`
	LogSources []LogSource
}

// LogSource is one entry of an analytic's x_mitre_log_source_references:
// a log, the channel of it that matters and the data component it feeds.
type LogSource struct {
	Name string // "auditd:SYSCALL", "kubernetes:audit", "AWS:CloudTrail"
	// Channel is free text: a syscall list ("open, write"), an event name
	// ("AssumeRole") or a description of what to look for.
	Channel string
	// Component is the Key of the data component, "" if ATT&CK's
	// reference leads to none that is live.
	Component string `json:",omitempty"`
}

// URL returns the analytic's anchor on its detection strategy's page.
func (a *Analytic) URL() string {
	if a.Strategy == "" {
		return ""
	}
	// The form ATT&CK's own external reference has.
	return "https://attack.mitre.org/detectionstrategies/" + a.Strategy + "#" + a.ID
}

// On reports whether the analytic watches one of the platforms, compared
// in any case.
func (a *Analytic) On(platforms ...string) bool {
	for _, p := range a.Platforms {
		for _, q := range platforms {
			if strings.EqualFold(p, q) {
				return true
			}
		}
	}
	return false
}
