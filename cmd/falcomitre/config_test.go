package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/config"
)

// project makes a temporary repository (a directory with .git) holding
// files, and moves the test into it.
func project(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return dir
}

// rule is a rules file with one rule carrying tags.
func rule(name, tags string) string {
	return "- rule: " + name + "\n  desc: d\n  condition: evt.type = execve\n  output: o\n  priority: INFO\n  tags: " + tags + "\n"
}

// mismatch has one error finding: tactic-mismatch.
var mismatch = rule("Nsenter", "[container, mitre_execution, T1611]")

func TestInit(t *testing.T) {
	dir := project(t, nil)
	code, _, errs := runCLI(t, "init")
	if code != exitOK || !strings.Contains(errs, "wrote "+config.FileName) {
		t.Fatalf("init: exit %d, stderr %q", code, errs)
	}
	path := filepath.Join(dir, config.FileName)
	b, err := os.ReadFile(path)
	if err != nil || string(b) != config.Template {
		t.Fatalf("init wrote %q, %v", b, err)
	}
	c, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	c.Path = ""
	if !reflect.DeepEqual(c, config.Default()) {
		t.Errorf("the written file loads as %+v, not the defaults", c)
	}
	os.WriteFile(path, []byte("fail-on: note\n"), 0o644)
	if code, _, errs := runCLI(t, "init"); code != exitInput || !strings.Contains(errs, "exists; --force replaces it") {
		t.Errorf("init over a file: exit %d, stderr %q", code, errs)
	}
	if b, _ := os.ReadFile(path); string(b) != "fail-on: note\n" {
		t.Errorf("init without --force changed the file")
	}
	if code, _, _ := runCLI(t, "init", "--force"); code != exitOK {
		t.Errorf("init --force: exit %d", code)
	}
	if b, _ := os.ReadFile(path); string(b) != config.Template {
		t.Errorf("init --force did not write the template")
	}
}

// TestConfigPrecedence: the nearest configuration applies, flags override
// it, and --config and --no-config choose another or none.
func TestConfigPrecedence(t *testing.T) {
	dir := project(t, map[string]string{
		config.FileName:   "severity:\n  tactic-mismatch: warning\n",
		"rules/r.yaml":    mismatch,
		"other/conf.yaml": "fail-on: never\n",
	})
	for _, c := range []struct {
		args []string
		want int
	}{
		{[]string{"check", "rules"}, exitOK},                               // the override makes it a warning
		{[]string{"check", "--fail-on", "warning", "rules"}, exitFindings}, // the flag over the default fail-on
		{[]string{"check", "--no-config", "rules"}, exitFindings},          // an error again
		{[]string{"check", "--config", "other/conf.yaml", "rules"}, exitOK},
		{[]string{"check", "--config", "other/conf.yaml", "--fail-on", "error", "rules"}, exitFindings},
		{[]string{"check", "--config", "other/conf.yaml", "--no-config", "rules"}, exitInput},
		{[]string{"check", "--config", "missing.yaml", "rules"}, exitInput},
	} {
		if code, out, errs := runCLI(t, c.args...); code != c.want {
			t.Errorf("%v: exit %d, want %d\n%s%s", c.args, code, c.want, out, errs)
		}
	}
	// From a subdirectory the file above is found.
	t.Chdir(filepath.Join(dir, "rules"))
	if code, out, _ := runCLI(t, "check", "r.yaml"); code != exitOK || !strings.Contains(out, "warning:") {
		t.Errorf("from a subdirectory: exit %d\n%s", code, out)
	}
}

func TestConfigFailOnAndDisable(t *testing.T) {
	project(t, map[string]string{
		config.FileName: "fail-on: warning\ndisable: [non-canonical-tag]\n",
		"r.yaml":        rule("R", "[Mitre_Execution, T1059, host, host]"),
	})
	// duplicate-tag is a warning, and fail-on says warning.
	code, out, _ := runCLI(t, "check", "r.yaml")
	if code != exitFindings || strings.Contains(out, "non-canonical-tag") || !strings.Contains(out, "duplicate-tag") {
		t.Errorf("exit %d\n%s", code, out)
	}
	if code, _, _ := runCLI(t, "check", "--fail-on", "error", "r.yaml"); code != exitOK {
		t.Errorf("--fail-on error over fail-on: warning: exit %d", code)
	}
}

func TestConfigErrors(t *testing.T) {
	project(t, map[string]string{
		config.FileName: "tactic-policy: all\nseverty:\n  tactic-mismatch: note\n",
		"r.yaml":        mismatch,
	})
	for _, args := range [][]string{{"check", "r.yaml"}, {"fix", "r.yaml"}, {"explain", "T1611"}, {"attack", "show"}} {
		code, _, errs := runCLI(t, args...)
		if code != exitInput || !strings.Contains(errs, config.FileName+":2:1: unknown key \"severty\"") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
	if code, _, _ := runCLI(t, "check", "--no-config", "r.yaml"); code != exitFindings {
		t.Errorf("--no-config with a broken file around: exit %d", code)
	}
	if code, _, errs := runCLI(t, "check", "--no-config", "--tactic-policy", "most", "r.yaml"); code != exitInput || !strings.Contains(errs, "--tactic-policy") {
		t.Errorf("--tactic-policy most: exit %d, stderr %q", code, errs)
	}
}

func TestConfigExclude(t *testing.T) {
	project(t, map[string]string{
		config.FileName:          "exclude: [\"vendor/**\", \"*_broken.yaml\"]\n",
		"rules/app.yaml":         rule("App", "[mitre_execution, T1059.004]"),
		"rules/app_broken.yaml":  "- rule: X\n  tags: [oops\n",
		"vendor/upstream.yaml":   mismatch,
		"vendor/more/other.yaml": mismatch,
	})
	code, out, errs := runCLI(t, "check", "rules", "vendor", "vendor/more/other.yaml")
	if code != exitOK || !strings.Contains(out, "from 1 file") {
		t.Errorf("exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = runCLI(t, "check", "vendor")
	if code != exitOK || !strings.Contains(errs, "every rules file given is excluded") || !strings.Contains(out, "from 0 files") {
		t.Errorf("all excluded: exit %d\n%s%s", code, out, errs)
	}
	if code, _, _ := runCLI(t, "check", "--no-config", "rules"); code != exitInput {
		t.Errorf("--no-config: the broken file should be read: exit %d", code)
	}
}

// TestConfigTacticPolicy: tactic-policy all makes incomplete-tactics an
// error that fix resolves by adding the tags; --tactic-policy overrides.
func TestConfigTacticPolicy(t *testing.T) {
	dir := project(t, map[string]string{
		config.FileName: "tactic-policy: all\n",
		"r.yaml":        rule("Cron", "[host, mitre_persistence, T1053.003]"),
	})
	if code, out, _ := runCLI(t, "check", "r.yaml"); code != exitFindings || !strings.Contains(out, "error: T1053.003 (Cron) also belongs") {
		t.Errorf("policy all: exit %d\n%s", code, out)
	}
	if code, out, _ := runCLI(t, "check", "--tactic-policy", "one", "r.yaml"); code != exitOK || !strings.Contains(out, "note: T1053.003") {
		t.Errorf("--tactic-policy one: exit %d\n%s", code, out)
	}
	if code, _, errs := runCLI(t, "fix", "r.yaml"); code != exitOK || !strings.Contains(errs, "changed 2 tags") {
		t.Errorf("fix: exit %d, stderr %q", code, errs)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "r.yaml"))
	if !strings.Contains(string(b), "tags: [host, mitre_persistence, T1053.003, mitre_execution, mitre_privilege_escalation]") {
		t.Errorf("fixed file:\n%s", b)
	}
}

// TestConfigAttack: the attack section chooses the data of check and
// explain; the flags override it.
func TestConfigAttack(t *testing.T) {
	project(t, map[string]string{
		config.FileName:          "attack:\n  version: \"15.1\"\n",
		"r.yaml":                 rule("R", "[mitre_execution, T1059.004]"),
		"ics/" + config.FileName: "attack:\n  domain: ics\n",
	})
	version := func(args ...string) string {
		t.Helper()
		_, out, errs := runCLI(t, append(args, "-f", "json", "r.yaml")...)
		var rep struct{ Attack struct{ Version string } }
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, errs)
		}
		return rep.Attack.Version
	}
	if v := version("check"); v != "15.1" {
		t.Errorf("config version: %s", v)
	}
	if v := version("check", "--attack-version", "17.1"); v != "17.1" {
		t.Errorf("--attack-version over the config: %s", v)
	}
	if code, _, errs := runCLI(t, "explain", "T0800"); code != exitInput {
		t.Errorf("explain T0800 in enterprise: exit %d, %s", code, errs)
	}
	t.Chdir("ics")
	if code, out, errs := runCLI(t, "explain", "T0800"); code != exitOK || !strings.Contains(out, "T0800") {
		t.Errorf("explain T0800 with domain ics: exit %d\n%s%s", code, out, errs)
	}
}

func TestConfigNotATTACKPrefixes(t *testing.T) {
	project(t, map[string]string{
		config.FileName: "not-attack-prefixes: [mitre_internal_]\n",
		"r.yaml":        rule("R", "[mitre_execution, T1059.004, mitre_internal_review]"),
	})
	if code, out, _ := runCLI(t, "check", "r.yaml"); code != exitOK || strings.Contains(out, "mitre_internal_review") {
		t.Errorf("exit %d\n%s", code, out)
	}
	if code, _, _ := runCLI(t, "check", "--no-config", "r.yaml"); code != exitFindings {
		t.Errorf("--no-config: the tag is an unknown tactic: exit %d", code)
	}
}

// TestSuppressionCLI: a suppressed finding leaves the report and the exit
// status, the summary counts it, and the JSON report keeps it.
func TestSuppressionCLI(t *testing.T) {
	project(t, map[string]string{
		"r.yaml": "- rule: Nsenter  # falcomitre:ignore tactic-mismatch nsenter runs the payload here\n  desc: d\n  condition: evt.type = execve\n  output: o\n  priority: INFO\n  tags: [container, mitre_execution, T1611]\n",
	})
	code, out, _ := runCLI(t, "check", "r.yaml")
	if code != exitOK || !strings.Contains(out, "; 1 suppressed") {
		t.Errorf("exit %d\n%s", code, out)
	}
	_, out, _ = runCLI(t, "check", "-f", "json", "r.yaml")
	var rep struct {
		Suppressed []struct {
			Code        string
			Suppression struct{ Kind, Justification string }
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Suppressed) != 1 || rep.Suppressed[0].Code != "tactic-mismatch" || rep.Suppressed[0].Suppression.Kind != "inSource" ||
		rep.Suppressed[0].Suppression.Justification != "nsenter runs the payload here" {
		t.Errorf("suppressed: %+v", rep.Suppressed)
	}
}

// TestConfigAttackDiff: attack diff starts from the release the
// configuration pins.
func TestConfigAttackDiff(t *testing.T) {
	project(t, map[string]string{config.FileName: "attack:\n  version: \"17.1\"\n"})
	code, out, errs := runCLI(t, "attack", "diff", "--to", "18.1", "-f", "json")
	if code != exitOK || !strings.Contains(out, `"17.1"`) {
		t.Errorf("exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := runCLI(t, "attack", "diff", "--no-config"); code != exitInput || !strings.Contains(errs, "--from is required") {
		t.Errorf("--no-config: exit %d, %s", code, errs)
	}
}
