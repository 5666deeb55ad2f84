package evidence_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/condition"
	"github.com/falcomitre/falcomitre/evidence"
)

func catalog(t testing.TB, version string) *attack.Catalog {
	t.Helper()
	c, err := attack.LoadEmbedded("enterprise", version)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func syscalls(types ...string) *condition.Observation {
	return &condition.Observation{Rule: "r", Source: "syscall", EventTypes: types}
}

// TestMatch: verdicts worked out by hand from the analytics listed in
// attack's TestHandCheckedAnalytics.
func TestMatch(t *testing.T) {
	c18 := catalog(t, "18.1")
	tests := []struct {
		obs       *condition.Observation
		technique string
		want      evidence.Level
		matched   string // one entry the rule must meet, "log|channel|component"
	}{
		// AN1081: auditd:SYSCALL "execve".
		{syscalls("execve", "execveat"), "T1059.004", evidence.Channel, "auditd:SYSCALL|execve|Process Creation"},
		// Parent: the Unix Shell analytic counts for T1059.
		{syscalls("execve"), "T1059", evidence.Channel, "auditd:SYSCALL|execve|Process Creation"},
		// AN0613: linux:Sysmon process creation, not a syscall log.
		{syscalls("execve"), "T1611", evidence.Component, "linux:Sysmon|process creation events linked to container namespaces executing host-level binaries|Process Creation"},
		{syscalls("setns", "unshare"), "T1611", evidence.Channel, "auditd:SYSCALL|unshare, mount, keyctl, setns syscalls executed by containerized processes|OS API Execution"},
		// Nothing of T1611's analytics is a file open.
		{syscalls("open", "openat", "openat2"), "T1611", evidence.Weak, ""},
		// AN1579: kubernetes:audit.
		{&condition.Observation{Source: "k8s_audit", AllEvents: true, Fields: []string{"ka.req.binding.role", "ka.verb"}}, "T1098.006", evidence.LogSource,
			"kubernetes:audit|create or update events for RoleBinding or ClusterRoleBinding objects|User Account Modification"},
		// PowerShell is Windows only; Unix Shell is not IaaS.
		{syscalls("execve"), "T1059.001", evidence.PlatformMismatch, ""},
		{&condition.Observation{Source: "aws_cloudtrail", AllEvents: true}, "T1059.004", evidence.PlatformMismatch, ""},
		{&condition.Observation{Source: "syscall", AllEvents: true}, "T1059.004", evidence.Broad, ""},
		{&condition.Observation{Source: "twitter"}, "T1059.004", evidence.Unknown, ""},
		// A condition that never matches (never_true) watches nothing.
		{&condition.Observation{Source: "syscall", EventTypes: []string{}}, "T1059.004", evidence.Unknown, ""},
	}
	m := evidence.NewMatcher(c18)
	for _, tt := range tests {
		tech := c18.Technique(tt.technique)
		v := m.Judge(evidence.Observe(tt.obs), tech)
		if v.Level != tt.want {
			t.Errorf("%s %v on %s: %s, want %s (%s)", tt.obs.Source, tt.obs.EventTypes, tt.technique, v.Level, tt.want, v.Note)
		}
		if tt.matched != "" && !slices.ContainsFunc(v.Matched(), func(w evidence.Watched) bool {
			return w.Log+"|"+w.Channel+"|"+w.Component == tt.matched
		}) {
			t.Errorf("%s on %s: matched %+v, want %q among them", tt.obs.EventTypes, tt.technique, v.Matched(), tt.matched)
		}
		if v.Level == evidence.Weak && len(v.Matched()) > 0 {
			t.Errorf("weak verdict with matches: %+v", v.Matched())
		}
		if v.Level < evidence.PlatformMismatch && v.Note == "" {
			t.Errorf("%s: level %s without a note", tt.technique, v.Level)
		}
		// The one-shot form agrees.
		if got := evidence.Match(tt.obs, tech, c18); got.Level != v.Level {
			t.Errorf("Match = %s, Judge = %s", got.Level, v.Level)
		}
	}
}

// TestMatchBefore18: older releases have no analytics; their data
// components are compared, for every platform at once.
func TestMatchBefore18(t *testing.T) {
	c13 := catalog(t, "13.1")
	m := evidence.NewMatcher(c13)
	v := m.Judge(evidence.Observe(syscalls("execve")), c13.Technique("T1059.004"))
	if v.Level != evidence.Component || !slices.ContainsFunc(v.Matched(), func(w evidence.Watched) bool { return w.Component == "Process Creation" }) {
		t.Errorf("13.1 T1059.004: %s %+v", v.Level, v.ATTACK)
	}
	v = m.Judge(evidence.Observe(syscalls("ptrace")), c13.Technique("T1059.004"))
	if v.Level != evidence.Weak {
		t.Errorf("13.1 ptrace on T1059.004: %s", v.Level)
	}
}

func TestObserve(t *testing.T) {
	w := evidence.Observe(syscalls("execve", "openat", "asyncevent"))
	if !slices.Contains(w.Syscalls, "execve") || !slices.Contains(w.Syscalls, "open") || !slices.Contains(w.Components, "File Access") ||
		!slices.Contains(w.Logs, "auditd:EXECVE") || len(w.Rows) != 2 {
		t.Errorf("Observe = %+v", w)
	}
	if got := w.Describe(); !strings.HasPrefix(got, "syscall execve, openat, asyncevent (") {
		t.Errorf("Describe() = %q", got)
	}
	k := evidence.Observe(&condition.Observation{Source: "k8s_audit", Fields: []string{"ka.req.pod.containers.privileged"}})
	if !slices.Contains(k.Logs, "kubernetes:audit") || !slices.Contains(k.Components, "Pod Creation") || slices.Contains(k.Components, "User Account Modification") {
		t.Errorf("k8s Observe = %+v", k)
	}
	if b := evidence.Observe(&condition.Observation{Source: "syscall", AllEvents: true}); len(b.Rows) != 0 || !b.Broad() {
		t.Errorf("a broad syscall rule matched rows %v", b.Rows)
	}
}

// TestTable holds the table to ATT&CK's data: every data component it
// names is one some embedded Enterprise release has, every log name one
// an 18.1 analytic uses, and every row says where it comes from.
func TestTable(t *testing.T) {
	comps := map[string]bool{}
	for _, r := range attack.EmbeddedVersions() {
		if r.Domain != attack.DomainEnterprise {
			continue
		}
		for _, d := range catalog(t, r.Version).DataComponents {
			comps[d.Name] = true
		}
	}
	logs := map[string]bool{}
	for _, tc := range catalog(t, "18.1").Techniques {
		for _, a := range tc.Analytics {
			for _, ls := range a.LogSources {
				logs[ls.Name] = true
			}
		}
	}
	for _, l := range evidence.SyscallLogs {
		if !logs[l] {
			t.Errorf("SyscallLogs: no 18.1 analytic reads %q", l)
		}
	}
	sources := evidence.Sources()
	for i, r := range evidence.Table {
		if r.From == "" || !slices.Contains(sources, r.Source) {
			t.Errorf("row %d (%s %v %v): no From, or a source with no platforms", i, r.Source, r.EventTypes, r.Fields)
		}
		for _, c := range r.Components {
			if !comps[c] {
				t.Errorf("row %d: no embedded release has a data component %q", i, c)
			}
		}
		for _, l := range r.Logs {
			if !logs[l] {
				t.Errorf("row %d: no 18.1 analytic reads %q", i, l)
			}
		}
	}
}

func TestSourcePlatforms(t *testing.T) {
	c18, c13 := catalog(t, "18.1"), catalog(t, "13.1")
	for src, want := range map[string]string{
		"syscall":        "Linux,Containers",
		"k8s_audit":      "Containers",
		"aws_cloudtrail": "IaaS",
		"okta":           "Identity Provider,SaaS",
		"github":         "SaaS",
		"twitter":        "",
	} {
		if got := strings.Join(evidence.SourcePlatforms(c18, src), ","); got != want {
			t.Errorf("%s: %q, want %q", src, got, want)
		}
	}
	if got := strings.Join(evidence.SourcePlatforms(c13, "okta"), ","); got != "Azure AD,SaaS" {
		t.Errorf("okta on 13.1: %q", got)
	}
}
