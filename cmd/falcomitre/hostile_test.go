package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestHostileInputsExit2: every command that reads rules or ATT&CK data
// answers hostile input with exit 2 and a placed error on stderr. The
// packages' own hostile tests cover the cases one by one; this is what a
// user sees of them.
func TestHostileInputsExit2(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	rule := "- rule: r\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n"
	deep := write("deep.yaml", "- rule: x\n  desc: "+strings.Repeat("[", 20000)+strings.Repeat("]", 20000)+"\n")
	tags := write("tags.yaml", rule+"  tags: T1059\n")
	badUTF8 := write("utf8.yaml", "- rule: r\n  desc: \xff\n")
	write("empty/notes.txt", "hi")
	pipe := filepath.Join(dir, "pipe.yaml")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		pipe = ""
	}
	stix := write("bad.json", "{\"type\":\"bundle\",\"objects\":[\n{\"type\":\"attack-pattern\",\"name\":5}]}")
	good := write("good.yaml", rule+"  tags: [T1059, mitre_execution]\n")

	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"deep nesting", []string{"check", deep}, "deep.yaml:2:1: invalid yaml: exceeded max depth of 10000"},
		{"tags as a string", []string{"check", tags}, "tags.yaml:6:9: value for 'tags' is not a sequence"},
		{"invalid utf-8", []string{"fix", badUTF8}, "utf8.yaml:2:9: invalid yaml: invalid leading UTF-8 octet"},
		{"directory without rules", []string{"check", filepath.Join(dir, "empty")}, "holds no .yaml or .yml rules files"},
		{"named pipe", []string{"check", pipe}, "pipe.yaml: cannot read file: not a regular file (a named pipe)"},
		{"coverage of a bad file", []string{"overview", tags}, "tags.yaml:6:9: value for 'tags' is not a sequence"},
		{"suggest on a bad file", []string{"suggest", tags}, "tags.yaml:6:9: value for 'tags' is not a sequence"},
		{"STIX of the wrong type", []string{"check", "--attack-data", stix, "--domain", "enterprise", "--attack-version", "1", good},
			`bad.json:2:34: attack-pattern object: member "name" is a JSON number, want string`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.args[len(tt.args)-1] == "" {
				t.Skip("no named pipes here")
			}
			code, _, errs := runCLI(t, tt.args...)
			if code != exitInput {
				t.Errorf("exit %d, want %d", code, exitInput)
			}
			if !strings.Contains(errs, tt.want) {
				t.Errorf("stderr:\n%s\nwant it to say %q", errs, tt.want)
			}
		})
	}
}

// TestTimeout: --timeout ends a run that outlasts it with exit 2.
func TestTimeout(t *testing.T) {
	exited := make(chan int, 1)
	exitNow = func(code int) { exited <- code }
	defer func() { exitNow = os.Exit }()
	// The watchdog writes from its own goroutine while the run goes on
	// (exitNow does not end it here): stderr must take both.
	var out bytes.Buffer
	var errb lockedBuffer
	run([]string{"check", "--timeout", "1ns", example}, &out, &errb)
	select {
	case code := <-exited:
		if code != exitInput {
			t.Errorf("exit %d, want %d", code, exitInput)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the watchdog did not fire")
	}
	if errs := errb.String(); !strings.Contains(errs, "took longer than 1ns (--timeout)") {
		t.Errorf("stderr: %q", errs)
	}
}

// lockedBuffer is a bytes.Buffer that goroutines may share.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
