package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/falcomitre/falcomitre/internal/sharedtest"
)

// sameLoad fails t unless loading names with the collector fed chunk by
// chunk gives what resolving the parsed files afterwards gives.
func sameLoad(t *testing.T, dir string, names []string, size int) {
	t.Helper()
	files := make([]*File, len(names))
	for i, name := range names {
		files[i] = readFile(name, nil, 0, size)
	}
	want := dump(Resolve(files), dir)
	if got := dump(loadFiles(names, 0, size), dir); got != want {
		t.Fatalf("%s, chunks of %d: fed load differs from Resolve:\n%s\nwant:\n%s", dir, size, got, want)
	}
}

// TestLoadFed: each corpus directory, loaded as one rule set, and the
// loader cases, the files of which fail in every way.
func TestLoadFed(t *testing.T) {
	root := sharedtest.Dir(t, "corpus")
	dirs, _ := filepath.Glob(filepath.Join(root, "*", "*"))
	cases, _ := filepath.Glob(filepath.Join("testdata", "load", "*"))
	for _, dir := range append(dirs, cases...) {
		names, _ := filepath.Glob(filepath.Join(dir, "*.y*ml"))
		if len(names) == 0 {
			continue
		}
		for _, size := range []int{1, 4096} {
			sameLoad(t, dir, names, size)
		}
	}
}

// TestLoadFedVoid: a file whose chunk cannot stand alone voids what it
// fed, between two files that fed theirs; the load starts over.
func TestLoadFedVoid(t *testing.T) {
	dir := t.TempDir()
	rule := func(name string) string {
		return "- rule: " + name + "\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n  tags: [T1059]\n"
	}
	override := func(name, how string) string {
		return "- rule: " + name + "\n  tags: [TA0002]\n  override: {tags: " + how + "}\n"
	}
	files := map[string]string{
		"1.yaml": rule("a") + rule("b"),
		"2.yaml": rule("c") + "- list: l\n  items: &x [p]\n" + rule("d") + "- list: m\n  items: *x\n" + override("a", "append"),
		"3.yaml": override("b", "replace") + rule("e"),
	}
	var names []string
	for _, n := range []string{"1.yaml", "2.yaml", "3.yaml"} {
		path := filepath.Join(dir, n)
		if err := os.WriteFile(path, []byte(files[n]), 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, path)
	}
	sameLoad(t, dir, names, 1)
	if s := loadFiles(names, 0, 1); len(s.Rules) != 5 || s.Errs() != nil {
		t.Fatalf("%d rules, errors %v", len(s.Rules), s.Errs())
	}
}

// TestLoadFedManyChunks: more chunks than the feed buffers, so that the
// decoding waits for the collector.
func TestLoadFedManyChunks(t *testing.T) {
	dir := t.TempDir()
	var src []byte
	for i := range 3 * feedBuffer {
		src = append(src, "- macro: m"...)
		src = append(src, byte('a'+i%26), byte('a'+i/26%26))
		src = append(src, "\n  condition: evt.type = open\n"...)
	}
	path := filepath.Join(dir, "many.yaml")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	sameLoad(t, dir, []string{path, path}, 1)
}
