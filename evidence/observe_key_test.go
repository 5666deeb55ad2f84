package evidence

import (
	"reflect"
	"testing"

	"github.com/falcomitre/falcomitre/condition"
)

// TestAppendObserveKey: observations differing in anything Observe reads
// get different keys; the same key means the same watch.
func TestAppendObserveKey(t *testing.T) {
	base := condition.Observation{Source: "syscall", EventTypes: []string{"execve"}, Fields: []string{"proc.name"}}
	variants := []condition.Observation{
		base,
		{Source: "k8s_audit", EventTypes: base.EventTypes, Fields: base.Fields},
		{Source: "syscall", EventTypes: []string{"openat"}, Fields: base.Fields},
		{Source: "syscall", EventTypes: []string{}, Fields: base.Fields},
		{Source: "syscall", Fields: base.Fields},
		{Source: "syscall", AllEvents: true, Fields: base.Fields},
		{Source: "syscall", EventTypes: base.EventTypes, Fields: []string{"fd.name"}},
		{Source: "syscall", EventTypes: []string{"execve", "proc.name"}},
		{Source: "syscallexecve"},
	}
	seen := map[string]int{}
	for i, obs := range variants {
		k := string(AppendObserveKey(nil, &obs))
		if j, ok := seen[k]; ok {
			t.Errorf("variants %d and %d share a key", j, i)
		}
		seen[k] = i
	}
	// What Observe does not read leaves the key, and the watch, alone.
	other := base
	other.Rule, other.Processes, other.Paths = "another", []string{"bash"}, []string{"/etc"}
	if string(AppendObserveKey(nil, &base)) != string(AppendObserveKey(nil, &other)) {
		t.Error("a field Observe does not read changed the key")
	}
	if !reflect.DeepEqual(Observe(&base), Observe(&other)) {
		t.Error("equal keys, different watches")
	}
}
