// Package condition parses Falco rule conditions as Falco does and says
// what each rule observes: its event source, the event types it can match
// (as Falco computes them for its index), the fields it reads, and the
// processes and paths it names. ../shared/spec/falco-conditions.md in the
// falcomitre workspace is the specification.
package condition

// Observation is what one rule watches, after its macros and lists are
// expanded. Slices are sorted and free of duplicates.
type Observation struct {
	Rule   string // the rule's name
	Source string // the event source: "syscall", "k8s_audit", "aws_cloudtrail", ...
	// EventTypes are the event types the rule can match, as Falco's index
	// computes them (for syscall rules: "execve", "openat", ...). Nil with
	// AllEvents set means the condition does not narrow them.
	EventTypes []string
	AllEvents  bool
	// Fields are the fields the condition reads: "proc.name", "fd.name",
	// "ka.target.resource", "ct.name", ...
	Fields []string
	// Processes and Paths are the literal values compared with process
	// names (proc.name, proc.pname, ...) and file paths (fd.name, fs.path.*, ...),
	// outside any negation.
	Processes []string
	Paths     []string
	// ExcludedProcesses and ExcludedPaths are the values compared under a
	// negation (not, !=): the exceptions to what the rule watches, such
	// as a list of known binaries. ProcessFields and PathFields say which
	// fields count; docs/conditions.md has the details.
	ExcludedProcesses []string
	ExcludedPaths     []string
}
