package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

const example = "../../examples/rules"

func TestCheckExample(t *testing.T) {
	code, out, errs := runCLI(t, "check", example)
	if code != exitFindings {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitFindings, errs)
	}
	if !strings.Contains(out, "app_rules.yaml:") || !strings.Contains(out, "[tactic-mismatch]") {
		t.Errorf("unexpected output:\n%s", out)
	}
	if errs != "" {
		t.Errorf("stderr: %s", errs)
	}
}

func TestFailOn(t *testing.T) {
	for _, c := range []struct {
		failOn string
		want   int
	}{{"never", exitOK}, {"error", exitFindings}, {"note", exitFindings}, {"bogus", exitInput}} {
		if code, _, _ := runCLI(t, "check", "--fail-on", c.failOn, example); code != c.want {
			t.Errorf("--fail-on %s: exit %d, want %d", c.failOn, code, c.want)
		}
	}
	// A rule set with only a warning passes at the default level.
	dir := t.TempDir()
	path := filepath.Join(dir, "r.yaml")
	os.WriteFile(path, []byte("- rule: R\n  desc: d\n  condition: evt.type = execve\n  output: o\n  priority: INFO\n  tags: [Mitre_Execution, T1059]\n"), 0o644)
	if code, out, _ := runCLI(t, "check", path); code != exitOK || !strings.Contains(out, "non-canonical-tag") {
		t.Errorf("warning only: exit %d, want 0; output:\n%s", code, out)
	}
	if code, _, _ := runCLI(t, "check", "--fail-on", "warning", path); code != exitFindings {
		t.Errorf("--fail-on warning: exit %d, want 1", code)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"check"},
		{"check", "--format", "xml", example},
		{"check", "--color", "sometimes", example},
		{"check", "--no-such-flag", example},
		{"check", "does/not/exist.yaml"},
		{"check", "--attack-data", "does/not/exist.json", example},
		{"nonsense"},
	} {
		code, _, errs := runCLI(t, args...)
		if code != exitInput || errs == "" {
			t.Errorf("%v: exit %d with stderr %q, want exit 2 and a message", args, code, errs)
		}
	}
}

// TestBadFileDoesNotHideOthers: findings of good files are reported, the
// bad file's error goes to stderr as file:line:col, and the exit is 2.
func TestBadFileDoesNotHideOthers(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("- rule: X\n  tags: [oops\n"), 0o644)
	code, out, errs := runCLI(t, "check", example, bad)
	if code != exitInput {
		t.Errorf("exit %d, want 2", code)
	}
	if !strings.Contains(out, "[tactic-mismatch]") {
		t.Errorf("findings of the good files are missing:\n%s", out)
	}
	if !regexp.MustCompile(`bad\.yaml:\d+:\d+: `).MatchString(errs) {
		t.Errorf("stderr lacks file:line:col: %q", errs)
	}
}

func TestJSONFormat(t *testing.T) {
	code, out, _ := runCLI(t, "check", "--format", "json", example)
	if code != exitFindings {
		t.Fatalf("exit %d", code)
	}
	var rep struct {
		Attack   struct{ Domain, Version, Source string }
		Rules    int
		Findings []struct{ Code, File string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Attack.Source != "embedded" || rep.Rules == 0 || len(rep.Findings) == 0 {
		t.Errorf("unexpected report: %+v", rep)
	}
}

func TestOutputFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.json")
	code, out, _ := runCLI(t, "check", "-f", "json", "-o", path, example)
	if code != exitFindings || out != "" {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	if b, err := os.ReadFile(path); err != nil || !json.Valid(b) {
		t.Fatalf("output file: %v", err)
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := runCLI(t, "version")
	if code != exitOK || !strings.Contains(out, "falcomitre") || !strings.Contains(out, "18.1") {
		t.Errorf("exit %d, output %q", code, out)
	}
}

// TestCorpus runs the command on every real rules file in ../shared:
// each one checks (exit 0 or 1) or fails with exit 2 and a file:line:col
// message; none crashes.
func TestCorpus(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("corpus not found at %s (it lives in ../shared beside the repository): %v", root, err)
	}
	var files []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			files = append(files, p)
		}
		return nil
	})
	if len(files) < 90 {
		t.Fatalf("only %d corpus files found", len(files))
	}
	pos := regexp.MustCompile(`^.+:\d+:\d+: \S`)
	counts := map[int]int{}
	for _, f := range files {
		code, _, errs := runCLI(t, "check", "--fail-on", "never", f)
		counts[code]++
		switch code {
		case exitOK:
		case exitInput:
			for _, line := range strings.Split(strings.TrimSpace(errs), "\n") {
				if !pos.MatchString(line) {
					t.Errorf("%s: error without file:line:col: %q", f, line)
				}
			}
		default:
			t.Errorf("%s: exit %d; stderr:\n%s", f, code, errs)
		}
	}
	t.Logf("%d corpus files: %d checked, %d could not be checked", len(files), counts[exitOK], counts[exitInput])
}

// TestAttackData reads both STIX flavours of the same ICS release: the 2.1
// bundle names itself in its collection object, the 2.0 one by file name.
func TestAttackData(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "attack")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("ATT&CK bundles not found (they live in ../shared beside the repository): %v", err)
	}
	var outs []string
	for _, name := range []string{"ics-attack-18.1.stix21.json.gz", "ics-attack-18.1.stix20.json.gz"} {
		code, out, errs := runCLI(t, "check", "-f", "json", "--fail-on", "never", "--attack-data", filepath.Join(dir, name), example)
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", name, code, errs)
		}
		var rep struct {
			Attack   struct{ Domain, Version, Source string }
			Findings []json.RawMessage
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		if rep.Attack.Domain != "ics-attack" || rep.Attack.Version != "18.1" || !strings.HasSuffix(rep.Attack.Source, name) {
			t.Errorf("%s: attack = %+v", name, rep.Attack)
		}
		outs = append(outs, strings.ReplaceAll(out, name, "BUNDLE"))
	}
	if outs[0] != outs[1] {
		t.Errorf("the 2.0 and 2.1 bundles of ICS 18.1 give different reports")
	}
	// A bundle whose name does not say its domain needs --domain.
	plain := filepath.Join(t.TempDir(), "bundle.json.gz")
	b, err := os.ReadFile(filepath.Join(dir, "ics-attack-18.1.stix20.json.gz"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(plain, b, 0o644)
	if code, _, errs := runCLI(t, "check", "--attack-data", plain, "--domain", "ics", "--attack-version", "18.1", "--fail-on", "never", example); code != exitOK {
		t.Errorf("--domain ics: exit %d: %s", code, errs)
	}
}
