package rules

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/falcomitre/falcomitre/internal/fileread"
)

// hostileDeadline is how long any one hostile input may take to load; a
// hang or a blow-up fails the test instead of stalling the suite.
const hostileDeadline = 10 * time.Second

// loadWithin loads paths, failing the test if that takes too long.
func loadWithin(t *testing.T, paths ...string) (*Set, error) {
	t.Helper()
	type result struct {
		set *Set
		err error
	}
	done := make(chan result, 1)
	go func() {
		s, err := Load(paths...)
		done <- result{s, err}
	}()
	select {
	case r := <-done:
		return r.set, r.err
	case <-time.After(hostileDeadline):
		t.Fatalf("loading %v took over %v", paths, hostileDeadline)
		return nil, nil
	}
}

// aliasBomb is a rule whose exception values name an anchor nine times
// over: 10^9 values once the aliases are expanded.
func aliasBomb() string {
	var b strings.Builder
	b.WriteString("- rule: r\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n")
	b.WriteString("  exceptions:\n    - name: e\n      fields: [proc.name, proc.pname]\n      values:\n")
	b.WriteString(`        - &a0 ["x","x","x","x","x","x","x","x","x","x"]` + "\n")
	for i := 1; i < 9; i++ {
		refs := strings.Repeat(fmt.Sprintf("*a%d,", i-1), 10)
		fmt.Fprintf(&b, "        - &a%d [%s]\n", i, strings.TrimSuffix(refs, ","))
	}
	b.WriteString("  tags: [T1059, mitre_execution]\n")
	return b.String()
}

func garbage() string {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, 64<<10)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return string(b)
}

const okRule = "- rule: r\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n"

// TestHostileFiles: each hostile file loads or fails with a positioned
// error, quickly, without a panic.
func TestHostileFiles(t *testing.T) {
	for _, tt := range []struct {
		name, src string
		want      string // the file's error, "" when it must load
	}{
		{"alias bomb", aliasBomb(), "bomb.yaml:15:11: exception values expand to more than 1000000 entries through aliases"},
		{"deep nesting", "- rule: x\n  desc: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n", "bomb.yaml:2:1: invalid yaml: exceeded max depth of 10000"},
		{"deep exception values", okRule + "  exceptions:\n    - name: e\n      fields: proc.name\n      values: " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n", ""},
		{"garbage", garbage(), "bomb.yaml:1:1: invalid yaml: invalid leading UTF-8 octet"},
		{"invalid utf-8", "- rule: r\n  desc: \xff\xfe bad\n", "bomb.yaml:2:9: invalid yaml: invalid leading UTF-8 octet"},
		{"utf-8 bom", "\xef\xbb\xbf" + okRule + "  tags: [T1059]\n", ""},
		{"utf-16 bom", "\xff\xfe-\x00 \x00", "bomb.yaml:1:1: utf-16 files are not supported"},
		{"top-level mapping", "rule: r\ndesc: d\n", "bomb.yaml:1:1: rules content is not a yaml array of objects"},
		{"top-level scalar", "just words\n", "bomb.yaml:1:1: rules content is not yaml"},
		{"tags string", okRule + "  tags: T1059\n", "bomb.yaml:6:9: value for 'tags' is not a sequence"},
		{"tags null", okRule + "  tags:\n", "bomb.yaml:6:3: value for 'tags' is not a sequence"},
		{"tags mapping", okRule + "  tags: {a: b}\n", "bomb.yaml:6:9: value for 'tags' is not a sequence"},
		{"tags non-scalar", okRule + "  tags: [[a], {b: c}]\n", "bomb.yaml:6:10: sequence value is not scalar"},
		{"empty", "", ""},
		{"only comments", "# nothing here\n", ""},
		{"nul bytes", "- rule: r\x00\n", "bomb.yaml:1:10: invalid yaml: control characters are not allowed"},
		{"unknown anchor", okRule + "  tags: *nope\n", "bomb.yaml:6:9: invalid yaml: unknown anchor 'nope' referenced"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bomb.yaml")
			if err := os.WriteFile(path, []byte(tt.src), 0o644); err != nil {
				t.Fatal(err)
			}
			set, err := loadWithin(t, path)
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if e := set.Files[0].Err; e != nil {
				got = strings.TrimPrefix(e.Error(), filepath.Dir(path)+string(filepath.Separator))
			}
			if tt.want == "" && got != "" || !strings.HasPrefix(got, tt.want) {
				t.Errorf("error = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestHostilePaths: what Load is pointed at, rather than what a file
// holds.
func TestHostilePaths(t *testing.T) {
	dir := t.TempDir()
	mustWrite := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}

	t.Run("over the size limit", func(t *testing.T) {
		// A sparse 100 MB file: Load must refuse it from its size alone.
		p := filepath.Join(dir, "huge.yaml")
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(100e6); err != nil {
			t.Fatal(err)
		}
		f.Close()
		set, err := loadWithin(t, p)
		if err != nil {
			t.Fatal(err)
		}
		want := p + ": cannot read file: the file is 100.0 MB, over the 64 MiB limit for one rules file"
		if e := set.Files[0].Err; e == nil || e.Error() != want {
			t.Errorf("error = %v, want %s", e, want)
		}
	})

	t.Run("directory without rules files", func(t *testing.T) {
		mustWrite("notes/a.txt", "hi")
		mustWrite("notes/b.json", "{}")
		_, err := loadWithin(t, filepath.Join(dir, "notes"))
		if err == nil || !strings.Contains(err.Error(), "holds no .yaml or .yml rules files") {
			t.Errorf("error = %v, want one saying the directory holds no rules files", err)
		}
	})

	t.Run("symlink loop", func(t *testing.T) {
		loop := filepath.Join(dir, "loop")
		os.Mkdir(loop, 0o755)
		mustWrite("loop/ok.yaml", okRule)
		if err := os.Symlink("b.yaml", filepath.Join(loop, "a.yaml")); err != nil {
			t.Skipf("no symlinks here: %v", err)
		}
		os.Symlink("a.yaml", filepath.Join(loop, "b.yaml"))
		os.Symlink(".", filepath.Join(loop, "self.yaml")) // a directory: skipped, as Falco does
		set, err := loadWithin(t, loop)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range set.Files {
			if f.Err != nil {
				got = append(got, strings.TrimPrefix(f.Err.Error(), loop+"/"))
			}
		}
		want := []string{"a.yaml: cannot read file: too many levels of symbolic links", "b.yaml: cannot read file: too many levels of symbolic links"}
		if strings.Join(got, "\n") != strings.Join(want, "\n") || len(set.Files) != 3 {
			t.Errorf("%d files, errors:\n%s\nwant 3 files, errors:\n%s", len(set.Files), strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})

	t.Run("named pipe", func(t *testing.T) {
		p := filepath.Join(dir, "pipe.yaml")
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skipf("no named pipes here: %v", err)
		}
		set, err := loadWithin(t, p)
		if err != nil {
			t.Fatal(err)
		}
		want := p + ": cannot read file: not a regular file (a named pipe)"
		if e := set.Files[0].Err; e == nil || e.Error() != want {
			t.Errorf("error = %v, want %s", e, want)
		}
	})

	t.Run("unreadable", func(t *testing.T) {
		// Root reads any file, so the open failure is simulated; the
		// real permission is tried too when the test is not root.
		p := mustWrite("secret.yaml", okRule)
		orig := fileread.Open
		fileread.Open = func(name string) (*os.File, error) {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
		}
		set, err := loadWithin(t, p)
		fileread.Open = orig
		if err != nil {
			t.Fatal(err)
		}
		want := p + ": cannot read file: permission denied"
		if e := set.Files[0].Err; e == nil || e.Error() != want {
			t.Errorf("simulated: error = %v, want %s", e, want)
		}
		if os.Geteuid() == 0 {
			return
		}
		os.Chmod(p, 0)
		set, _ = loadWithin(t, p)
		if e := set.Files[0].Err; e == nil || !errors.Is(e, fs.ErrPermission) {
			t.Errorf("chmod 0: error = %v, want permission denied", e)
		}
	})
}
