package rules_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/internal/rulegen"
	"github.com/falcomitre/falcomitre/internal/sharedtest"
	"github.com/falcomitre/falcomitre/rules"
)

// applyEdits applies edits, in order and apart, to src.
func applyEdits(src []byte, edits []diag.Edit) []byte {
	var out []byte
	at := 0
	for _, e := range edits {
		out = append(out, src[at:e.Offset]...)
		out = append(out, e.Text...)
		at = e.End()
	}
	return append(out, src[at:]...)
}

// tagEdits rewrites the tags of random items, as fixes do; wild, it also
// writes into their names and a random byte range, text that may not
// load.
func tagEdits(r *rand.Rand, f *rules.File, wild bool) []diag.Edit {
	var edits []diag.Edit
	texts := []string{"T1059", "mitre_execution", "x", "'quoted'", "T1059.004, T1611", "", "[a]", "\n- rule: injected\n"}
	for _, it := range f.Items {
		if r.IntN(4) != 0 {
			continue
		}
		for _, tag := range it.Tags {
			if r.IntN(2) == 0 {
				edits = append(edits, diag.Edit{Offset: tag.Range.Start.Offset, Length: tag.Range.End.Offset - tag.Range.Start.Offset, Text: texts[r.IntN(4)]})
			}
		}
		if wild && r.IntN(8) == 0 {
			off := it.Range.Start.Offset + r.IntN(len(it.Name)+1)
			edits = append(edits, diag.Edit{Offset: off, Length: 0, Text: texts[r.IntN(len(texts))]})
		}
	}
	if wild && r.IntN(2) == 0 && len(f.Src) > 0 {
		off := r.IntN(len(f.Src))
		edits = append(edits, diag.Edit{Offset: off, Length: min(r.IntN(8), len(f.Src)-off), Text: texts[r.IntN(len(texts))]})
	}
	slices.SortFunc(edits, func(a, b diag.Edit) int { return a.Offset - b.Offset })
	var apart []diag.Edit
	end := -1
	for _, e := range edits {
		if e.Offset > end || e.Offset == end && e.Length > 0 && len(apart) > 0 && apart[len(apart)-1].Length > 0 {
			apart = append(apart, e)
			end = e.End()
		}
	}
	return apart
}

// sameFile reports the first difference between two parses.
func sameFile(got, want *rules.File) error {
	if reflect.DeepEqual(got, want) {
		return nil
	}
	if len(got.Items) != len(want.Items) {
		return fmt.Errorf("%d items, want %d (err %v, want %v)", len(got.Items), len(want.Items), got.Err, want.Err)
	}
	for i := range got.Items {
		if !reflect.DeepEqual(got.Items[i], want.Items[i]) {
			return fmt.Errorf("item %d (%q) differs:\ngot  %+v\nwant %+v", i, want.Items[i].Name, *got.Items[i], *want.Items[i])
		}
	}
	return fmt.Errorf("the files differ beyond their items")
}

// TestReparse holds Reparse to Parse on the corpus and generated rules,
// edited as fixes edit them and at random.
func TestReparse(t *testing.T) {
	var names []string
	var srcs [][]byte
	for _, p := range sharedtest.RulesFiles(t) {
		if b, err := os.ReadFile(p); err == nil {
			names, srcs = append(names, p), append(srcs, b)
		}
	}
	gen, err := rulegen.Write(t.TempDir(), 600)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range gen {
		b, _ := os.ReadFile(p)
		names, srcs = append(names, p), append(srcs, b)
	}
	names, srcs = append(names, "varied.yaml"), append(srcs, variedRules(150))
	r := rand.New(rand.NewPCG(7, 8))
	tries, shortcuts, genMoved := 0, 0, 0
	for i, src := range srcs {
		generated := i >= len(srcs)-len(gen)-1
		for k := range 8 {
			old := rules.ParseSmall(names[i], src)
			edits := tagEdits(r, old, k%2 == 1)
			out := applyEdits(src, edits)
			want := rules.ParseSmall(names[i], out)
			got, moved := rules.ReparseSmall(old, out, edits)
			tries++
			if moved {
				shortcuts++
				if generated {
					genMoved++
				}
			}
			if err := sameFile(got, want); err != nil {
				t.Fatalf("%s, %d edits (moved %v): %v", names[i], len(edits), moved, err)
			}
		}
	}
	t.Logf("%d reparses, %d by moving items, %d of %d of generated files", tries, shortcuts, genMoved, 8*(len(gen)+1))
	if genMoved < 8 {
		t.Errorf("only %d of %d reparses of generated files moved items", genMoved, 8*(len(gen)+1))
	}
}

// variedRules writes n groups of items of every kind the fast path reads:
// lists, macros, rules with exceptions and block tags, overrides.
func variedRules(n int) []byte {
	var b strings.Builder
	b.WriteString("# varied rules\n\n")
	for i := range n {
		fmt.Fprintf(&b, "- list: bins_%d\n  items: [ls, \"cat\", 'vi']\n\n", i)
		fmt.Fprintf(&b, "- macro: m_%d\n  condition: >\n    proc.name in (bins_%d)\n    and evt.type = open\n\n", i, i)
		fmt.Fprintf(&b, "- rule: R%d\n  desc: d\n  condition: m_%d and container\n  output: o %%proc.name\n  priority: WARNING\n", i, i)
		b.WriteString("  exceptions:\n    - name: known\n      fields: [proc.name, fd.name]\n      comps: [=, startswith]\n      values:\n        - [ls, /tmp]\n")
		b.WriteString("  tags:\n    - container\n    - mitre_execution # why\n    - T1059\n\n")
		fmt.Fprintf(&b, "- rule: R%d\n  exceptions:\n    - name: more\n      values:\n        - [vi, /etc]\n  tags: [T1611]\n  override:\n    exceptions: append\n    tags: append\n\n", i)
	}
	return []byte(b.String())
}

// FuzzReparse edits arbitrary rules files at arbitrary places: Reparse
// must give what Parse gives.
func FuzzReparse(f *testing.F) {
	f.Add(variedRules(3), []byte{40, 3, 1, 200, 0, 2}, "T1059")
	f.Add([]byte("- rule: a\n  desc: d\n  condition: c\n  output: o\n  priority: INFO\n  tags: [x]\n- list: l\n  items: [a]\n"), []byte{70, 1, 0}, "y")
	f.Add([]byte("- macro: m\n  condition: x\n- macro: n\n  condition: y\n"), []byte{25, 0, 3}, "\n---\n")
	f.Fuzz(func(t *testing.T, src []byte, ops []byte, text string) {
		old := rules.ParseSmall("f.yaml", src)
		var edits []diag.Edit
		at := 0
		for i := 0; i+2 < len(ops) && at <= len(src); i += 3 {
			at += int(ops[i])
			if at > len(src) {
				break
			}
			n := min(int(ops[i+1])%8, len(src)-at)
			edits = append(edits, diag.Edit{Offset: at, Length: n, Text: text[:int(ops[i+2])%(len(text)+1)]})
			at += n + 1
		}
		out := applyEdits(src, edits)
		want := rules.ParseSmall("f.yaml", out)
		got, moved := rules.ReparseSmall(old, out, edits)
		if err := sameFile(got, want); err != nil {
			t.Fatalf("moved %v: %v\nsrc: %q\nout: %q", moved, err, src, out)
		}
	})
}
