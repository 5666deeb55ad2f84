package evidence

// Level is how well what a rule watches meets what ATT&CK says to watch
// for a technique, best last; the names are stable (JSON, docs).
type Level int

const (
	// Unknown: falcomitre knows no ATT&CK platform for the rule's event
	// source, or no ATT&CK data to weigh.
	Unknown Level = iota
	// Broad: a syscall rule that does not narrow its event types.
	Broad
	// NoAnalytics: the technique is on the rule's platforms, but ATT&CK
	// names no analytic (and no data component) to compare with there.
	NoAnalytics
	// PlatformMismatch: none of the technique's platforms is one the
	// rule's event source runs on.
	PlatformMismatch
	// Weak: ATT&CK's analytics on the rule's platforms watch nothing the
	// rule watches.
	Weak
	// Component: an analytic feeds a data component the rule's events
	// are (Process Creation for an execve rule).
	Component
	// LogSource: an analytic reads a log the rule reads whole
	// (kubernetes:audit for a k8s_audit rule).
	LogSource
	// Channel: an analytic's channel names a syscall the rule watches
	// (auditd:SYSCALL "execve" for an execve rule).
	Channel
)

var levelNames = [...]string{"unknown", "broad", "no-analytics", "platform-mismatch", "weak", "component", "log-source", "channel"}

// String returns the level's stable name.
func (l Level) String() string {
	if l < 0 || int(l) >= len(levelNames) {
		return "unknown"
	}
	return levelNames[l]
}

// MarshalText writes the name, so JSON shows "channel", not 7.
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// Supports reports whether the level is evidence for the tag.
func (l Level) Supports() bool { return l >= Component }
