package condition

import (
	"math/bits"
	"sort"
	"strings"
	"sync"
)

// NumEventCodes is the number of ppm event codes, PPM_EVENT_MAX at libs
// 48dfd53: the universe U of the event-type computation (spec §4).
// eventNames names the first 426; the 28 codes libs added after the copy
// it was transcribed from are counted in U but have no name here, so no
// condition can name them and no name list shows them.
const NumEventCodes = 454

// Event codes with a role of their own (spec §4).
const (
	codeGenericE   = 0   // PPME_GENERIC_E, a syscall with no event of its own
	codeGenericX   = 1   // PPME_GENERIC_X
	codePluginEvt  = 322 // PPME_PLUGINEVENT_E, every event of a plugin source
	codeAsyncEvent = 402 // PPME_ASYNCEVENT_E, added to every rule's index entry
)

// EventSet is a set of ppm event codes.
type EventSet [(NumEventCodes + 63) / 64]uint64

// allEvents is U, libsinsp::events::all_event_set.
var allEvents = func() (s EventSet) {
	for c := 0; c < NumEventCodes; c++ {
		s.add(c)
	}
	return s
}()

func (s *EventSet) add(c int) { s[c/64] |= 1 << (c % 64) }

// Has reports whether code c is in s.
func (s EventSet) Has(c int) bool { return c >= 0 && c < NumEventCodes && s[c/64]&(1<<(c%64)) != 0 }

func (s EventSet) union(t EventSet) EventSet {
	for i := range s {
		s[i] |= t[i]
	}
	return s
}
func (s EventSet) intersect(t EventSet) EventSet {
	for i := range s {
		s[i] &= t[i]
	}
	return s
}

// complement is U∖s.
func (s EventSet) complement() EventSet {
	for i := range s {
		s[i] = allEvents[i] &^ s[i]
	}
	return s
}

// Len returns the number of codes in s.
func (s EventSet) Len() int {
	n := 0
	for _, w := range s {
		n += bits.OnesCount64(w)
	}
	return n
}

// IsAll reports whether s is U.
func (s EventSet) IsAll() bool { return s == allEvents }

// Codes returns the codes in s, ascending.
func (s EventSet) Codes() []int {
	out := make([]int, 0, s.Len())
	for c := 0; c < NumEventCodes; c++ {
		if s.Has(c) {
			out = append(out, c)
		}
	}
	return out
}

// Names returns the distinct names of the codes in s, sorted; the
// generic codes show as "syscall", their name in the event table, and
// codes with no known name are left out.
func (s EventSet) Names() []string {
	t := eventTable()
	seen := make([]bool, len(t.sorted))
	n := 0
	for c, r := range t.rank {
		if !seen[r] && s.Has(c) {
			seen[r] = true
			n++
		}
	}
	out := make([]string, 0, n)
	for r, ok := range seen {
		if ok {
			out = append(out, t.sorted[r])
		}
	}
	return out
}

// table is the event and syscall name tables, split once on first use:
// start-up cost matters to a CLI that may never analyse a condition.
type table struct {
	names    []string            // by code
	sorted   []string            // the distinct names, sorted
	rank     []int               // by code, its name's index in sorted
	byName   map[string]EventSet // event name → its codes from 2 up
	syscalls map[string]bool
}

var (
	tableOnce sync.Once
	tableData *table
)

func eventTable() *table {
	tableOnce.Do(func() {
		t := &table{names: strings.Fields(eventNames), byName: map[string]EventSet{}, syscalls: map[string]bool{}}
		for c := 2; c < len(t.names); c++ {
			s := t.byName[t.names[c]]
			s.add(c)
			t.byName[t.names[c]] = s
		}
		for _, n := range strings.Fields(syscallNames) {
			t.syscalls[n] = true
		}
		for n := range t.byName {
			t.sorted = append(t.sorted, n)
		}
		if _, ok := t.byName["syscall"]; !ok { // the generic pair, codes 0 and 1
			t.sorted = append(t.sorted, "syscall")
		}
		sort.Strings(t.sorted)
		t.rank = make([]int, len(t.names))
		for c, n := range t.names {
			t.rank[c] = sort.SearchStrings(t.sorted, n)
		}
		tableData = t
	})
	return tableData
}

// namesToEvents is sinsp_events.cpp:names_to_event_set: each name gives
// every code from 2 up with that name (enter, exit, old versions); a
// syscall with no event of its own enables the generic pair; unknown
// names add nothing (spec §4). The spec also maps plugin async-event
// names to asyncevent; no plugin is loaded here, so none is known.
func namesToEvents(names []string) EventSet {
	t := eventTable()
	var s EventSet
	generic := false
	for _, n := range names {
		if codes, ok := t.byName[n]; ok {
			s = s.union(codes)
		} else if t.syscalls[n] {
			generic = true
		}
	}
	if generic {
		s.add(codeGenericE)
		s.add(codeGenericX)
	}
	return s
}

// knownEventType reports whether Falco accepts name as an evt.type value:
// an event or a syscall name (sinsp_filtercheck_event::validate_filter_value).
func knownEventType(name string) bool {
	t := eventTable()
	if _, ok := t.byName[name]; ok {
		return true
	}
	return t.syscalls[name] || name == "syscall"
}
