package rules

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// decodeV3 is what fastDecode stands in for: yaml.v3's Decoder, one
// document and nothing after it; ok is false otherwise.
func decodeV3(src []byte) (doc *yaml.Node, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var d, more yaml.Node
	if dec.Decode(&d) != nil {
		return nil, false
	}
	if !errors.Is(dec.Decode(&more), io.EOF) {
		return nil, false
	}
	return &d, true
}

// sameTree says where two node trees differ, comments aside, "" when
// they do not.
func sameTree(got, want *yaml.Node, path string) string {
	if got == nil || want == nil {
		if got != want {
			return fmt.Sprintf("%s: got %v, want %v", path, got, want)
		}
		return ""
	}
	g := fmt.Sprintf("kind %d style %d tag %q value %q anchor %q at %d:%d, %d children",
		got.Kind, got.Style, got.Tag, got.Value, got.Anchor, got.Line, got.Column, len(got.Content))
	w := fmt.Sprintf("kind %d style %d tag %q value %q anchor %q at %d:%d, %d children",
		want.Kind, want.Style, want.Tag, want.Value, want.Anchor, want.Line, want.Column, len(want.Content))
	if g != w {
		return fmt.Sprintf("%s:\n got %s\nwant %s", path, g, w)
	}
	for i := range got.Content {
		if d := sameTree(got.Content[i], want.Content[i], fmt.Sprintf("%s/%d", path, i)); d != "" {
			return d
		}
	}
	return ""
}

// checkFast holds fastDecode to yaml.v3 on src and reports whether it
// took src on.
func checkFast(t *testing.T, name string, src []byte) bool {
	t.Helper()
	got, ok := fastDecode(src, 0, nil)
	if !ok {
		return false
	}
	want, wok := decodeV3(src)
	if !wok {
		t.Fatalf("%s: fastDecode took input yaml.v3 rejects:\n%s", name, src)
	}
	if d := sameTree(got, want, "doc"); d != "" {
		t.Fatalf("%s: trees differ at %s\ninput:\n%s", name, d, src)
	}
	return true
}

func TestFastDecodeCases(t *testing.T) {
	taken := []string{
		"- rule: a\n  desc: b\n",
		"- rule: a\n  tags: [x, y, 'z''s', \"q\\\"r\"]\n  enabled: false\n",
		"- rule: a\n  condition: >\n    evt.type = open\n    and fd.name = x\n\n    and y\n  output: |\n    line 1\n      more\n    line 3\n\n\n",
		"- rule: a\n  condition: >-\n    a\n      b\n    c\n  output: |+\n    x\n\n- list: l\n  items: [a, \"b\"]\n",
		"- macro: m\n  condition: a and\n    b\n\n    c # comment\n",
		"- rule: a\n  tags:\n  - x\n  - y\n  exceptions:\n  - name: e\n    fields: [a, b]\n    values:\n    - [x, y]\n    - [[p, q], r]\n",
		"- rule: a\n  desc:\n    text on\n    two lines\n  x: 1\n  y: 0.26.0\n  z: ~\n  w: true\n",
		"# head\n\n- list: l # why\n  items: [\n    a,\n    b\n   ]\n# tail\n",
		"- required_engine_version: 10\n- rule: a\n  priority: WARNING\n  enabled: False\n",
		"- rule: a\n  output: \"%proc.name \\t x\"\n",
		"- rule: a\n  condition: >\n    x\n  \n   \n    y\n",
		"- rule: a\n  condition: |\n    x\n    y",
		"- list: l\n  items: [\n    a,\n  b,\n c\n  ]\n",
		"- rule: a\n  condition: >\n    x\n     more\n    y\n     z\n\n     w\n    v\n",
		"- rule: a\n  desc: a - b [c] {d} #e f#g\n",
		"-   rule: a\n    desc: b\n-   list: c\n    items: []\n",
	}
	for i, src := range taken {
		if !checkFast(t, fmt.Sprint("case ", i), []byte(src)) {
			t.Errorf("case %d: fastDecode left it to yaml.v3:\n%s", i, src)
		}
	}
	// Outside the subset: each must be left to yaml.v3.
	left := []string{
		"",
		"# only a comment\n",
		"rule: a\n",
		"- rule: &x a\n  desc: *x\n",
		"- rule: a\n\tdesc: b\n",
		"- rule: a\r\n",
		"---\n- rule: a\n",
		"- rule: a\n  desc: b: c\n",
		"- rule: a\n  desc: \"two\n    lines\"\n",
		"- rule: a\n  desc: {x: y}\n",
		"- rule: a\n  desc:\n",
		"- rule: a\n   desc: b\n",
		"- rule: a\n  tags: [a, b,]\n",
		"- list: l\n  items: [a,\nb]\n",
		"- rule: a\n  tags: [a, # c\n    b]\n",
		"- rule: a\n  desc: \"\\u00e9\"\n",
		"- - a\n",
		"- rule: é\n",
		"- rule: a\n  condition: >2\n    x\n",
	}
	for i, src := range left {
		if _, ok := fastDecode([]byte(src), 0, nil); ok {
			t.Errorf("left %d: fastDecode took it on:\n%s", i, src)
		}
	}
}

// TestFastDecodeCorpus holds fastDecode to yaml.v3 on every real rules
// file it takes on, and on a generated set, and says how many it took.
func TestFastDecodeCorpus(t *testing.T) {
	var names []string
	filepath.WalkDir(filepath.Join("testdata", "load"), func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && isRulesFileName(path) {
			names = append(names, path)
		}
		return nil
	})
	root := filepath.Join("..", "..", "shared", "corpus")
	if _, err := os.Stat(root); err == nil {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && isRulesFileName(path) {
				names = append(names, path)
			}
			return nil
		})
	} else {
		t.Logf("rules corpus not found at %s; testing only testdata", root)
	}
	taken := 0
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if checkFast(t, name, src) {
			taken++
		}
	}
	t.Logf("fastDecode took %d of %d files", taken, len(names))

}

// FuzzFastDecode: whatever fastDecode takes on, yaml.v3 decodes to the
// same tree.
func FuzzFastDecode(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "load", "*", "*.y*ml"))
	for _, p := range paths {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src)
		}
	}
	f.Add([]byte("- rule: a\n  condition: >\n    x\n\n     y\n    z\n  tags: [a, 'b', \"c\"]\n"))
	f.Add([]byte("- macro: m\n  condition: a\n    b\n\n\n    c\n  x:\n  - [p, [q]]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if strings.Count(string(src), "\n") > 400 {
			return
		}
		checkFast(t, "input", src)
	})
}

// TestFastDecodeNeverPanics: as a run has it (fastStrict off), inputs
// that bail deep in a tree, or nest past the depth bound, come back as
// ok == false, not as a panic.
func TestFastDecodeNeverPanics(t *testing.T) {
	defer func(s bool) { fastStrict = s }(fastStrict)
	fastStrict = false
	deep := "- k: " + strings.Repeat("[", 200) + strings.Repeat("]", 200) + "\n"
	for _, src := range []string{deep, "- rule: a\n  x:\n    y:\n      z: &a b\n", "- rule: a\n  desc: \"\\u00e9\"\n", "-\n", "- [a, b"} {
		if _, ok := fastDecode([]byte(src), 0, nil); ok {
			t.Errorf("taken on: %q", src)
		}
	}
}
