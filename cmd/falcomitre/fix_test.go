package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyExample copies the example rules to a temporary directory.
func copyExample(t *testing.T, mode os.FileMode) string {
	t.Helper()
	dir := t.TempDir()
	paths, _ := filepath.Glob(filepath.Join(example, "*.yaml"))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(p)), b, mode); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func readAll(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	paths, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	for _, p := range paths {
		data, _ := os.ReadFile(p)
		b.Write(data)
	}
	return b.String()
}

func TestFix(t *testing.T) {
	dir := copyExample(t, 0o600)
	before := readAll(t, dir)

	// --diff prints the fixes and changes nothing.
	code, out, errs := runCLI(t, "check", "--diff", dir)
	if code != exitFindings || !strings.Contains(out, "-    - T1089") || !strings.Contains(out, "+    - T1562.001") {
		t.Fatalf("--diff: exit %d, stdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	if !strings.Contains(errs, "would change 7 tags in") || readAll(t, dir) != before {
		t.Errorf("--diff: stderr %q, or the files changed", errs)
	}

	// fix writes, keeps the mode, and reports what remains.
	code, out, errs = runCLI(t, "fix", dir)
	if code != exitFindings {
		t.Fatalf("fix: exit %d; stderr:\n%s", code, errs)
	}
	if !strings.Contains(errs, "changed 7 tags in "+filepath.Join(dir, "app_rules.yaml")) ||
		!strings.Contains(errs, "--fix-remove would fix 1 more finding") {
		t.Errorf("fix: stderr:\n%s", errs)
	}
	if strings.Contains(out, "[revoked-technique]") || !strings.Contains(out, "[unknown-technique]") {
		t.Errorf("fix: the report should show what remains only:\n%s", out)
	}
	if st, _ := os.Stat(filepath.Join(dir, "app_rules.yaml")); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}

	// A second run changes nothing.
	fixed := readAll(t, dir)
	if _, _, errs = runCLI(t, "check", "--fix", dir); strings.Contains(errs, "changed") || readAll(t, dir) != fixed {
		t.Errorf("second run: stderr %q, or the files changed", errs)
	}

	// --fix-remove takes the unsupported tactic.
	if _, _, errs = runCLI(t, "fix", "--fix-remove", dir); !strings.Contains(errs, "changed 1 tag in") {
		t.Errorf("--fix-remove: stderr %q", errs)
	}
}

func TestFixOnly(t *testing.T) {
	dir := copyExample(t, 0o644)
	code, out, errs := runCLI(t, "check", "--diff", "--fix-only", "duplicate-tag", dir)
	if code != exitFindings || strings.Count(out, "\n-  ") != 1 || !strings.Contains(errs, "would change 1 tag") {
		t.Errorf("exit %d; stdout:\n%s\nstderr:\n%s", code, out, errs)
	}
}

func TestFixUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"check", "--fix", "--fix-only", "no-such-check", example},
		{"check", "--fix", "--fix-only", "deprecated-technique", example},
		{"check", "--unsafe-fixes", example},
		{"check", "--fix-only", "duplicate-tag", example},
		{"fix"},
	} {
		code, _, errs := runCLI(t, args...)
		if code != exitInput || errs == "" {
			t.Errorf("%v: exit %d with stderr %q, want exit 2 and a message", args, code, errs)
		}
	}
}

// TestFixAnchors: a tag written through an alias is left, and the run
// says why.
func TestFixAnchors(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.yaml")
	src := "- rule: A\n  desc: d\n  condition: c\n  output: o\n  priority: INFO\n  tags: &t [Mitre_Execution, T1059]\n" +
		"- rule: B\n  desc: d\n  condition: c\n  output: o\n  priority: INFO\n  tags: *t\n"
	os.WriteFile(path, []byte(src), 0o644)
	code, _, errs := runCLI(t, "fix", path)
	if code != exitOK || !strings.Contains(errs, "not fixed: the tags list is built with a YAML anchor or alias") {
		t.Errorf("exit %d; stderr:\n%s", code, errs)
	}
	if b, _ := os.ReadFile(path); string(b) != src {
		t.Errorf("the file changed:\n%s", b)
	}
}

func TestFixJSON(t *testing.T) {
	code, out, _ := runCLI(t, "check", "-f", "json", example)
	if code != exitFindings || !strings.Contains(out, `"fixes": [`) || !strings.Contains(out, `"offset": `) {
		t.Errorf("exit %d; the JSON report lacks fixes", code)
	}
}

// TestFixKeepsWeakEvidenceSuppressed: a suppressed finding keeps its tag
// from fixes, and weak-evidence is one, though it needs the conditions
// analysed: the fix rounds check with them as the report does, so the
// diff and the report agree.
func TestFixKeepsWeakEvidenceSuppressed(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.yaml")
	src := "- rule: Read host files\n  desc: d\n  condition: evt.type in (open, openat) and fd.name startswith /etc\n" +
		"  output: o\n  priority: INFO\n" +
		"  tags: [mitre_privilege_escalation, t1611]  # falcomitre:ignore weak-evidence the rule is a canary\n"
	os.WriteFile(path, []byte(src), 0o644)
	code, out, errs := runCLI(t, "fix", "--diff", path)
	if code != exitOK || out != "" || !strings.Contains(errs, `not fixed: its fix would change "t1611"`) {
		t.Errorf("exit %d; stdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	if code, _, errs = runCLI(t, "fix", path); code != exitOK || strings.Contains(errs, "changed") {
		t.Errorf("fix: exit %d; stderr:\n%s", code, errs)
	}
	if b, _ := os.ReadFile(path); string(b) != src {
		t.Errorf("the file changed:\n%s", b)
	}
}
