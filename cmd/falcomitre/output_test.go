package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSeveralReports: one run writes the GitHub commands to standard
// output and SARIF and JUnit to files.
func TestSeveralReports(t *testing.T) {
	dir := t.TempDir()
	sarif, junit := filepath.Join(dir, "out.sarif"), filepath.Join(dir, "out.xml")
	code, out, errs := runCLI(t, "check", "-f", "github", "--format", "sarif="+sarif, "-f", "junit="+junit, example)
	if code != exitFindings {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.HasPrefix(out, "::error file=") {
		t.Errorf("standard output is not workflow commands:\n%s", out)
	}
	b, err := os.ReadFile(sarif)
	if err != nil || !json.Valid(b) || !strings.Contains(string(b), `"version": "2.1.0"`) {
		t.Errorf("SARIF file: %v\n%.200s", err, b)
	}
	if b, err := os.ReadFile(junit); err != nil || !strings.Contains(string(b), "<testsuites") {
		t.Errorf("JUnit file: %v", err)
	}
}

func TestQuiet(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.md")
	code, out, errs := runCLI(t, "check", "-q", "-f", "text", "-f", "markdown="+path, example)
	if code != exitFindings || out != "" || errs != "" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if b, err := os.ReadFile(path); err != nil || !strings.Contains(string(b), "### falcomitre:") {
		t.Errorf("--quiet dropped the file report: %v", err)
	}
}

func TestColorFlags(t *testing.T) {
	for _, c := range []struct {
		args  []string
		noEnv string
		want  bool
	}{
		{[]string{"--color", "always"}, "", true},
		{[]string{"--color", "always", "--no-color"}, "", false},
		{[]string{"--color", "auto"}, "1", false},
		{nil, "", false}, // a buffer is no terminal
	} {
		t.Setenv("NO_COLOR", c.noEnv)
		_, out, _ := runCLI(t, append(append([]string{"check"}, c.args...), example)...)
		if got := strings.Contains(out, "\x1b["); got != c.want {
			t.Errorf("%v NO_COLOR=%q: colour %v, want %v", c.args, c.noEnv, got, c.want)
		}
	}
	// Colour never goes to a file, whatever the terminal.
	path := filepath.Join(t.TempDir(), "r.txt")
	runCLI(t, "check", "-f", "text="+path, example)
	if b, _ := os.ReadFile(path); strings.Contains(string(b), "\x1b[") || len(b) == 0 {
		t.Errorf("text file report: %q", b)
	}
}

func TestOutputUsageErrors(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"-f", "text", "-f", "json"},                              // two reports on stdout
		{"-f", "text", "-f", "json", "-o", dir + "/x"},            // one --output for two
		{"-f", "json=" + dir + "/x", "-f", "sarif=" + dir + "/x"}, // the same file twice
		{"-f", "sarif="},
		{"-f", "xml=" + dir + "/x"},
	} {
		code, _, errs := runCLI(t, append(append([]string{"check"}, args...), example)...)
		if code != exitInput || errs == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a message", args, code, errs)
		}
	}
}
