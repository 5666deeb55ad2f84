package rules

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// loadCases returns the loader case directories under testdata/load.
func loadCases(t testing.TB) []string {
	dirs, err := filepath.Glob(filepath.Join("testdata", "load", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no loader cases: %v", err)
	}
	return dirs
}

// TestLoadGolden loads each case directory (its 1.yaml, 2.yaml, … in
// order) and compares the dump with out.golden.
func TestLoadGolden(t *testing.T) {
	for _, dir := range loadCases(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			s, err := Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			got := dump(s, dir)
			golden := filepath.Join(dir, "out.golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("missing golden file (run go test -update): %v", err)
			}
			if got != string(want) {
				t.Errorf("%s differs; run go test ./rules -update and review the diff\n--- got\n%s\n--- want\n%s", golden, got, want)
			}
		})
	}
}

// TestLoadPaths checks how Load expands its arguments (spec §2).
func TestLoadPaths(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	rule := func(name string) string {
		return "- rule: " + name + "\n  desc: d\n  condition: c\n  output: o\n  priority: INFO\n"
	}
	write("b.yaml", rule("b"))
	write("a.yml", rule("a"))
	write("B.yaml", rule("B"))
	write("c.YAML", rule("ignored: wrong case"))
	write("d.txt", rule("ignored: not yaml"))
	if err := os.Mkdir(filepath.Join(dir, "sub.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(filepath.Join("sub.yaml", "e.yaml"), rule("ignored: no recursion"))
	if err := os.Symlink(filepath.Join(dir, "a.yml"), filepath.Join(dir, "link.yaml")); err != nil {
		t.Skip("no symlinks:", err)
	}
	if err := os.Symlink(filepath.Join(dir, "missing"), filepath.Join(dir, "broken.yaml")); err != nil {
		t.Fatal(err)
	}

	s, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range s.Files {
		got = append(got, filepath.Base(f.Path))
	}
	// Byte order puts upper case first; the symlink is followed.
	if want := "B.yaml a.yml b.yaml link.yaml"; strings.Join(got, " ") != want {
		t.Errorf("files %q, want %q", strings.Join(got, " "), want)
	}

	if _, err := Load(); err == nil {
		t.Error("Load() with no paths: no error")
	}
	_, err = Load(filepath.Join(dir, "nope.yaml"), filepath.Join(dir, "d.txt"))
	if err == nil || !strings.Contains(err.Error(), "no such file") || !strings.Contains(err.Error(), "d.txt: not a .yaml/.yml file") {
		t.Errorf("bad paths: error %v", err)
	}

	f := readFile(filepath.Join(dir, "sub.yaml"), nil, chunkMinFile, chunkSize)
	if f.Err == nil || !strings.HasPrefix(f.Err.Error(), f.Path+": cannot read file: ") {
		t.Errorf("unreadable file: error %v", f.Err)
	}
	if s := Resolve([]*File{f}); s.Files[0].Err == nil {
		t.Error("Resolve dropped the read error")
	}
}

// TestResolveAgain checks that Resolve starts afresh from what Parse found.
func TestResolveAgain(t *testing.T) {
	base := Parse("1.yaml", []byte("- rule: r\n  desc: d\n  condition: c\n  output: o\n  priority: INFO\n  tags: [a]\n"))
	over := Parse("2.yaml", []byte("- rule: r\n  tags: [b]\n  override: {tags: append}\n- rule: s\n  enabled: false\n"))
	alone := Resolve([]*File{over})
	if alone.Files[0].Err == nil || len(over.Items) != 0 {
		t.Fatalf("alone: err %v, %d items", over.Err, len(over.Items))
	}
	both := Resolve([]*File{base, over})
	if over.Err == nil || !strings.Contains(over.Err.Error(), `rule "s" has 'enabled' key`) || len(over.Items) != 1 {
		t.Fatalf("together: err %v, %d items", over.Err, len(over.Items))
	}
	if tags := both.Rules[0].Tags; len(tags) != 2 || tags[1].Value != "b" || tags[1].Item != over.parsed[0] {
		t.Errorf("together: tags %+v", tags)
	}
}
