package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/internal/sharedtest"
)

// sameParse fails t unless decoding src in chunks of about size bytes
// gives exactly what decoding it whole gives: items, warnings, the item
// each warning follows, and the error.
func sameParse(t *testing.T, name string, src []byte, size int) {
	t.Helper()
	whole := parse(name, src, len(src)+1, 0, nil)
	chunked := parse(name, src, 0, size, nil)
	whole.fast = chunked.fast // how the file was read, which differs by design
	if fmt.Sprint(whole.Err) != fmt.Sprint(chunked.Err) {
		t.Fatalf("%s, chunks of %d: error %v, whole %v", name, size, chunked.Err, whole.Err)
	}
	if !reflect.DeepEqual(whole.Items, chunked.Items) {
		t.Fatalf("%s, chunks of %d: %d items differ from the whole file's %d", name, size, len(chunked.Items), len(whole.Items))
	}
	if !reflect.DeepEqual(whole.Warnings, chunked.Warnings) || !reflect.DeepEqual(whole.warnItem, chunked.warnItem) {
		t.Fatalf("%s, chunks of %d: warnings %v at %v, whole %v at %v", name, size, chunked.Warnings, chunked.warnItem, whole.Warnings, whole.warnItem)
	}
}

// TestChunksCorpus: every corpus file parses the same in small chunks as
// whole, errors and warnings included.
func TestChunksCorpus(t *testing.T) {
	root := sharedtest.Dir(t, "corpus")
	paths, _ := filepath.Glob(filepath.Join(root, "*", "*", "*.y*ml"))
	if len(paths) < 50 {
		t.Fatalf("only %d corpus files under %s", len(paths), root)
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, size := range []int{1, 300, 4096} {
			sameParse(t, filepath.Base(p), src, size)
		}
	}
}

// TestChunksFallBack: inputs where a chunk cannot stand alone, which must
// still parse as the whole file does.
func TestChunksFallBack(t *testing.T) {
	item := func(name string) string {
		return "- rule: " + name + "\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n  tags: [T1059]\n"
	}
	for name, src := range map[string]string{
		"alias to an earlier chunk":  "- list: l\n  items: &a [x]\n" + item("r") + "- list: m\n  items: *a\n",
		"quoted scalar over a split": "- rule: r\n  desc: \"one\n- two\"\n  condition: c\n  output: o\n  priority: INFO\n" + item("s"),
		"flow sequence over a split": "- list: l\n  items: [a,\n- b]\n" + item("s"),
		"two documents":              item("r") + "---\n" + item("s"),
		"syntax error late":          item("r") + item("s") + "- rule: [\n",
		"item error late":            item("r") + item("s") + "- rule: t\n",
		"warnings in each chunk":     item("r") + "- rule: r2\n  desc: d\n  condition: c\n  output: o\n  priority: INFO\n  whatever: 1\n" + item("s") + "- nothing: here\n",
		"a top-level mapping":        "rules:\n- a\n- b\n",
		"indented sequence":          "  - rule: r\n    desc: d\n" + "  - list: l\n    items: [a]\n",
		"dash words":                 item("r") + "-not-an-item\n" + item("s"),
		"crlf":                       strings.ReplaceAll(item("r")+item("s")+item("t"), "\n", "\r\n"),
		"bom":                        "\ufeff" + item("r") + item("s"),
	} {
		for _, size := range []int{1, 20, 60} {
			sameParse(t, name, []byte(src), size)
		}
	}
}

// FuzzChunks: for any input and chunk size, chunked and whole parsing
// agree.
func FuzzChunks(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "load", "*", "*.y*ml"))
	for _, p := range paths {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src, uint8(30))
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, size uint8) {
		sameParse(t, "f.yaml", src, int(size))
	})
}
