package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExplainRule checks explain --rule in text and JSON, an unknown
// rule and a condition Falco would reject.
func TestExplainRule(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.yaml")
	src := `- list: shells
  items: [bash, sh]
- macro: spawned_process
  condition: evt.type in (execve, execveat)
- rule: Shell
  desc: d
  condition: spawned_process and proc.name in (shells) and not fd.name startswith /tmp
  output: o
  priority: INFO
  tags: [mitre_execution, T1059.004, shell]
- rule: Broken
  desc: d
  condition: spawned_process and nope
  output: o
  priority: INFO
`
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "explain", "--rule", "Shell", path)
	if code != exitOK || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{
		`rule "Shell" (` + path + `:5:3)`,
		"event types:        execve execveat (18 event codes)",
		"fields (3):         evt.type fd.name proc.name",
		"processes (2):      bash sh",
		"excluded paths (1): /tmp",
		"tag T1059.004:      T1059.004 Unix Shell (Execution)",
		"tag mitre_execution: tactic Execution (TA0002)",
		"tag shell:          -",
		"condition:          spawned_process and proc.name in (bash, sh) and not fd.name startswith /tmp",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	code, out, _ = runCLI(t, "explain", "--format", "json", "--rule", "Shell", path)
	var x struct {
		EventTypes []string `json:"event_types"`
		EventCodes int      `json:"event_codes"`
		Expanded   string   `json:"expanded"`
	}
	if err := json.Unmarshal([]byte(out), &x); err != nil || code != exitOK {
		t.Fatalf("json: exit %d, %v:\n%s", code, err, out)
	}
	if strings.Join(x.EventTypes, " ") != "execve execveat" || x.EventCodes != 18 || !strings.HasPrefix(x.Expanded, "(evt.type in (execve, execveat))") {
		t.Errorf("json: %+v", x)
	}

	if code, _, errs := runCLI(t, "explain", "--rule", "Nope", path); code != exitInput || !strings.Contains(errs, `no rule named "Nope"`) {
		t.Errorf("unknown rule: exit %d, stderr %q", code, errs)
	}
	code, out, errs = runCLI(t, "explain", "--rule", "Broken", path)
	if code != exitInput || !strings.Contains(out, "undefined macro 'nope' used in filter") || !strings.Contains(errs, path+":13:34:") {
		t.Errorf("broken rule: exit %d\n%s\nstderr %q", code, out, errs)
	}
	if code, _, _ := runCLI(t, "explain", "--rule", "Shell"); code != exitInput {
		t.Errorf("no rules files: exit %d", code)
	}
}
