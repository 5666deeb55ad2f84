package evidence

import (
	"encoding/binary"
	"slices"
	"strconv"
	"strings"

	"github.com/falcomitre/falcomitre/condition"
)

// Watch is what one rule watches, in ATT&CK's vocabulary: the union of
// the table rows its observation matches.
type Watch struct {
	Source string `json:"source"`
	// EventTypes are the observation's, for showing; AllEvents is set
	// when a syscall rule's condition does not narrow them.
	EventTypes []string `json:"event_types,omitempty"`
	AllEvents  bool     `json:"all_events,omitempty"`
	// Logs, Syscalls and Components are the rows' ATT&CK sides, sorted
	// and each once.
	Logs       []string `json:"logs,omitempty"`
	Syscalls   []string `json:"syscalls,omitempty"`
	Components []string `json:"components,omitempty"`
	// Rows are the indexes in Table of the rows that matched.
	Rows []int `json:"rows,omitempty"`

	logs map[string]bool // Logs in lower case
}

// Key is every field of w as one string: two watches with the same key
// get the same verdicts from a Matcher, so callers may judge a watch
// once and share the result. Kept beside the struct so that a new field
// joins it. Strings are length-prefixed and lists counted, so no two
// watches share a key; logs is derived from Logs.
func (w *Watch) Key() string {
	b := make([]byte, 0, 128)
	str := func(s string) {
		b = strconv.AppendInt(b, int64(len(s)), 10)
		b = append(b, ':')
		b = append(b, s...)
	}
	str(w.Source)
	b = strconv.AppendBool(b, w.AllEvents)
	b = strconv.AppendBool(b, w.EventTypes == nil)
	for _, list := range [][]string{w.EventTypes, w.Logs, w.Syscalls, w.Components} {
		b = strconv.AppendInt(b, int64(len(list)), 10)
		b = append(b, '[')
		for _, s := range list {
			str(s)
		}
	}
	for _, r := range w.Rows {
		b = strconv.AppendInt(b, int64(r), 10)
		b = append(b, ',')
	}
	return string(b)
}

// AppendObserveKey appends to b a key of what Observe reads of obs: its
// source, event types (nil or not) and fields. Observations with equal
// keys get equal watches, so callers may share one; a change to what
// Observe reads belongs here too. Strings are length-prefixed and lists
// counted, so no two different inputs share a key.
func AppendObserveKey(b []byte, obs *condition.Observation) []byte {
	b = appendKeyString(b, obs.Source)
	b = append(b, keyFlag(obs.AllEvents), keyFlag(obs.EventTypes == nil))
	for _, list := range [2][]string{obs.EventTypes, obs.Fields} {
		b = binary.AppendUvarint(b, uint64(len(list)))
		for _, s := range list {
			b = appendKeyString(b, s)
		}
	}
	return b
}

func appendKeyString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func keyFlag(v bool) byte {
	if v {
		return 1
	}
	return 0
}

// Observe translates an observation through Table.
func Observe(obs *condition.Observation) *Watch {
	w := &Watch{Source: obs.Source, EventTypes: obs.EventTypes, AllEvents: obs.AllEvents}
	for i := range Table {
		r := &Table[i]
		if r.Source != obs.Source || !r.matches(obs) {
			continue
		}
		w.Rows = append(w.Rows, i)
		w.Logs = append(w.Logs, r.Logs...)
		w.Syscalls = append(w.Syscalls, r.Syscalls...)
		w.Components = append(w.Components, r.Components...)
	}
	w.Logs = sortedSet(w.Logs)
	w.logs = make(map[string]bool, len(w.Logs))
	for _, l := range w.Logs {
		w.logs[strings.ToLower(l)] = true
	}
	w.Syscalls = sortedSet(w.Syscalls)
	w.Components = sortedSet(w.Components)
	return w
}

// matches reports whether an observation of the row's source matches it.
// Plugin sources have no event types to speak of (Falco ignores their
// conditions when indexing), so only syscall rows compare them; a syscall
// rule that does not narrow its event types matches no row of one, since
// it would otherwise watch everything.
func (r *Row) matches(obs *condition.Observation) bool {
	if len(r.EventTypes) > 0 {
		if obs.AllEvents || len(obs.EventTypes) > condition.TooManyEvents || !intersects(r.EventTypes, obs.EventTypes) {
			return false
		}
	}
	if len(r.Fields) > 0 {
		return slices.ContainsFunc(obs.Fields, func(f string) bool {
			for _, want := range r.Fields {
				if f == want || strings.HasSuffix(want, ".") && strings.HasPrefix(f, want) {
					return true
				}
			}
			return false
		})
	}
	return true
}

// Broad reports whether a syscall rule watches every event, or more event
// types than Falco's own threshold for "too many" (counted in names, which
// are fewer than its codes), which leaves nothing to weigh.
func (w *Watch) Broad() bool {
	return w.Source == condition.SyscallSource && (w.AllEvents || len(w.EventTypes) > condition.TooManyEvents)
}

// Describe says what the rule watches in a few words: "syscall execve,
// execveat (Process Creation, Command Execution)", "k8s_audit as
// kubernetes:audit and kubernetes:apiserver (Pod Creation)".
func (w *Watch) Describe() string {
	var b strings.Builder
	b.WriteString(w.Source)
	switch {
	case w.Broad():
		b.WriteString(" events of every type")
	case w.Source == "syscall" && len(w.EventTypes) > 0:
		b.WriteString(" " + strings.Join(shortList(w.EventTypes, 6), ", "))
	case len(w.Logs) > 0:
		b.WriteString(" as " + andList(shortList(w.Logs, 3)))
	}
	if len(w.Components) > 0 {
		b.WriteString(" (" + strings.Join(shortList(w.Components, 4), ", ") + ")")
	}
	return b.String()
}

// shortList keeps the first n items and says how many more there are.
func shortList(s []string, n int) []string {
	if len(s) <= n {
		return s
	}
	out := slices.Clone(s[:n])
	return append(out, strconv.Itoa(len(s)-n)+" more")
}

func intersects(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// sortedSet sorts s and drops repeats, in place.
func sortedSet(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}
