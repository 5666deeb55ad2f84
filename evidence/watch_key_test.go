package evidence

import "testing"

// TestWatchKey: watches differ in key whenever they differ.
func TestWatchKey(t *testing.T) {
	watches := []*Watch{
		{Source: "syscall"},
		{Source: "syscall", EventTypes: []string{}},
		{Source: "syscall", AllEvents: true},
		{Source: "syscall", EventTypes: []string{"open"}},
		{Source: "syscall", EventTypes: []string{"open", "openat"}},
		{Source: "syscall", EventTypes: []string{"openopenat"}},
		{Source: "syscall", Logs: []string{"open"}},
		{Source: "syscall", Syscalls: []string{"open"}},
		{Source: "syscall", Components: []string{"open"}},
		{Source: "syscall", Rows: []int{1}},
		{Source: "syscall", Rows: []int{1, 2}},
		{Source: "syscall", Rows: []int{12}},
		{Source: "k8s_audit"},
	}
	seen := map[string]int{}
	for i, w := range watches {
		k := w.Key()
		if j, ok := seen[k]; ok {
			t.Errorf("watches %d and %d share key %q", j, i, k)
		}
		seen[k] = i
	}
}
