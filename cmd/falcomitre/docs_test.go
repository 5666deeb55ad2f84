package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDocumentCommands runs overview, matrix, layer and coverage diff on
// the shipped example: each writes its document and exits 0.
func TestDocumentCommands(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string // in the output
	}{
		{[]string{"overview", example}, "# Falco rules overview"},
		{[]string{"matrix", example}, "# Falco rules on the ATT&CK matrix"},
		{[]string{"matrix", "--format", "html", example}, "<!DOCTYPE html>"},
		{[]string{"layer", example}, `"layer": "4.5"`},
		{[]string{"layer", "--split", "source", example}, `"name": "Falco rules: source syscall"`},
		{[]string{"layer", "--platform", "all", example}, `"covered"`},
		{[]string{"coverage", "diff", example + "/app_rules.yaml", "--", example}, "### falcomitre coverage:"},
		{[]string{"coverage", "diff", "--format", "layer", example + "/app_rules.yaml", "--", example}, `"Falco rules: coverage change"`},
	} {
		code, out, errs := runCLI(t, append([]string{c.args[0], "--no-config"}, c.args[1:]...)...)
		if code != exitOK || !strings.Contains(out, c.want) {
			t.Errorf("%v: exit %d, want 0 and %q in the output; stderr:\n%s", c.args, code, c.want, errs)
		}
	}
	// -o writes the file, and .html chooses the page.
	page := filepath.Join(dir, "matrix.html")
	if code, out, errs := runCLI(t, "matrix", "--no-config", "-o", page, example); code != exitOK || out != "" {
		t.Fatalf("matrix -o: exit %d, stdout %q, stderr %s", code, out, errs)
	}
	if b, err := os.ReadFile(page); err != nil || !strings.HasPrefix(string(b), "<!DOCTYPE html>") {
		t.Errorf("matrix -o %s: %v, %.40q", page, err, b)
	}
	layer := filepath.Join(dir, "layers.json")
	if code, _, errs := runCLI(t, "layer", "--no-config", "--split", "maturity", "-o", layer, example); code != exitOK {
		t.Fatalf("layer --split: exit %d: %s", code, errs)
	}
	var ls []map[string]any
	if b, err := os.ReadFile(layer); err != nil || json.Unmarshal(b, &ls) != nil || len(ls) != 1 {
		t.Errorf("layer --split maturity: want a list of one layer (the example has no maturity tags), got %v %s", err, b)
	}
}

// TestDocumentUsageErrors: bad flags and arguments exit 2 with a message.
func TestDocumentUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"overview"},
		{"overview", "no/such/dir"},
		{"matrix", "--format", "pdf", example},
		{"matrix", "--platform", "Linx", example},
		{"layer", "--split", "priority", example},
		{"layer", "--attack-version", "9.9", example},
		{"coverage", "diff", example},
		{"coverage", "diff", "--", example},
		{"coverage", "diff", example, "--"},
		{"coverage", "diff", "--format", "html", example, "--", example},
		{"coverage", "diff", "--head", "HEAD", example, "--", example},
		{"coverage", "diff", "--base", "HEAD", example, "--", example},
	} {
		code, _, errs := runCLI(t, append([]string{args[0], "--no-config"}, args[1:]...)...)
		if code != exitInput || !strings.HasPrefix(errs, "falcomitre: ") {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and a message", args, code, errs)
		}
	}
}

// TestDocumentBadFile: a file that does not load is reported and the
// exit status is 2, but the document of what did load is written.
func TestDocumentBadFile(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("- rule: [unclosed\n"), 0o644)
	code, out, errs := runCLI(t, "overview", "--no-config", example, bad)
	if code != exitInput || !strings.Contains(out, "Host Namespace Entered") || !strings.Contains(errs, "bad.yaml:") {
		t.Errorf("exit %d; stderr %q; output has the example's rules: %v", code, errs, strings.Contains(out, "Host Namespace Entered"))
	}
}

// TestCoverageDiffGit compares the example as committed with itself: the
// --base form reads it through git.
func TestCoverageDiffGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git on PATH")
	}
	if err := exec.Command("git", "rev-parse", "--verify", "-q", "HEAD").Run(); err != nil {
		t.Skipf("not in a git work tree with a commit: %v", err)
	}
	code, out, errs := runCLI(t, "coverage", "diff", "--no-config", "--base", "HEAD", "--head", "HEAD", example)
	if code != exitOK || !strings.Contains(out, "no change in ATT&CK coverage") || !strings.Contains(out, "HEAD:") {
		t.Errorf("exit %d; stderr %s; output:\n%s", code, errs, out)
	}
	code, _, errs = runCLI(t, "coverage", "diff", "--no-config", "--base", "no-such-revision-of-falcomitre", example)
	if code != exitInput || !strings.Contains(errs, "--base") {
		t.Errorf("unknown revision: exit %d, stderr %q", code, errs)
	}
}
