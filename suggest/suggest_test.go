package suggest_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/condition"
	"github.com/falcomitre/falcomitre/evidence"
	"github.com/falcomitre/falcomitre/rules"
	"github.com/falcomitre/falcomitre/suggest"
)

func suggester(t *testing.T) *suggest.Suggester {
	t.Helper()
	cat, err := attack.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return suggest.New(cat)
}

func ids(cs []suggest.Candidate) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

// TestSuggest: rules whose technique a person would name at once get it
// among the three, with reasons.
func TestSuggest(t *testing.T) {
	s := suggester(t)
	tests := []struct {
		rule suggest.Rule
		want string
	}{
		{suggest.Rule{Name: "PTRACE attached to process", Desc: "An attempt to inject code into a process using PTRACE.",
			Observation: &condition.Observation{Source: "syscall", EventTypes: []string{"ptrace"}, Fields: []string{"evt.arg.request", "evt.type"}}}, "T1055.008"},
		{suggest.Rule{Name: "Schedule Cron Jobs", Desc: "Detect cron jobs scheduled",
			Observation: &condition.Observation{Source: "syscall", EventTypes: []string{"execve", "open", "openat"}, Processes: []string{"crontab"}, Paths: []string{"/etc/cron.d"}}}, "T1053.003"},
		{suggest.Rule{Name: "Clear bash history", Desc: "The shell history file was deleted.",
			Observation: &condition.Observation{Source: "syscall", EventTypes: []string{"unlink", "unlinkat"}, Paths: []string{".bash_history"}}}, "T1070.003"},
		// Without an observation the words alone count.
		{suggest.Rule{Name: "Create Hidden Files or Directories", Desc: "Detect hidden files or directories created."}, "T1564.001"},
	}
	for _, tt := range tests {
		got := s.Suggest(tt.rule, 3)
		if !slices.Contains(ids(got), tt.want) {
			t.Errorf("%s: %v, want %s among them", tt.rule.Name, ids(got), tt.want)
			continue
		}
		for _, c := range got {
			if c.Score <= 0 || len(c.Reasons) == 0 || c.Evidence == evidence.PlatformMismatch {
				t.Errorf("%s: candidate %+v", tt.rule.Name, c)
			}
		}
	}
	// A syscall rule is never offered a technique of no platform it sees.
	for _, c := range s.Suggest(suggest.Rule{Name: "PowerShell Windows registry run key"}, 10) {
		if c.Evidence == evidence.PlatformMismatch || c.ID == "T1547.001" {
			t.Errorf("offered %s %s to a syscall rule", c.ID, c.Name)
		}
	}
}

// TestForSet picks the rules that need a technique: none tagged, or one
// whose analytics watch nothing the rule does; --all takes every rule.
func TestForSet(t *testing.T) {
	set, err := rules.Load("../check/testdata/weak-evidence/bad.yaml", "../check/testdata/missing-technique/bad.yaml")
	if err != nil {
		t.Fatal(err)
	}
	obs := evidence.Observations(condition.Analyze(set))
	s := suggester(t)
	got := s.ForSet(set, obs, false, 3)
	var whys []string
	for _, sg := range got {
		whys = append(whys, sg.Rule+": "+sg.Why)
		if len(sg.Candidates) == 0 || sg.File == "" || sg.Line == 0 {
			t.Errorf("%s: %+v", sg.Rule, sg)
		}
	}
	want := []string{
		"Shadow File Opened in Container: weak evidence for T1611",
		"Outbound Connection by Password Tool: weak evidence for T1003.008",
		"Tactic only: no technique tag",
		"Two tactics: no technique tag",
	}
	if !slices.Equal(whys, want) {
		t.Errorf("ForSet = %q, want %q", whys, want)
	}
	if all := s.ForSet(set, obs, true, 1); len(all) != len(set.Rules) || len(all[0].Candidates) != 1 {
		t.Errorf("with all: %d suggestions for %d rules", len(all), len(set.Rules))
	}
	// The tactic the rule tags counts.
	for _, sg := range got {
		if sg.Rule == "Tactic only" && !strings.Contains(strings.Join(sg.Candidates[0].Reasons, "\n"), "tactic") {
			t.Errorf("Tactic only: reasons %q do not mention the tactic", sg.Candidates[0].Reasons)
		}
	}
}

func TestKeywords(t *testing.T) {
	if k := suggest.Keywords("T1003.008"); !strings.Contains(k, "shadow") && !strings.Contains(k, "passwd") {
		t.Errorf("Keywords(T1003.008) = %q", k)
	}
	if k := suggest.Keywords("T9999"); k != "" {
		t.Errorf("Keywords(T9999) = %q", k)
	}
}
