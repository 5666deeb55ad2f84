package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/falcomitre/falcomitre/diag"
)

// FuzzLoad feeds arbitrary bytes to Parse and Resolve: nothing may panic,
// every range must lie inside the input with lines and columns agreeing
// with offsets, and every effective tag set must be sorted and unique.
func FuzzLoad(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "load", "*", "*.y*ml"))
	for _, p := range paths {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		a := Parse("a.yaml", src)
		if err := checkFile(a, false); err != nil {
			t.Fatalf("after Parse:\n%v", err)
		}
		// Loading the input twice exercises redefinition, appends and
		// overrides across files.
		b := Parse("b.yaml", src)
		s := Resolve([]*File{a, b})
		for _, file := range s.Files {
			if err := checkFile(file, false); err != nil {
				t.Fatalf("after Resolve:\n%v", err)
			}
		}
		ref := map[*File][]diag.Pos{}
		// Positions inside conditions stay inside their scalar and agree
		// with the line table.
		for _, it := range a.Items {
			sc := it.ConditionAt
			if sc == nil {
				continue
			}
			if ref[a] == nil {
				ref[a] = refPositions(a.Src)
			}
			for _, off := range []int{0, len(sc.Value) / 2, len(sc.Value)} {
				p := sc.Pos(off)
				if p.Offset < sc.Range.Start.Offset || p.Offset > sc.Range.End.Offset {
					t.Fatalf("%s %q: value offset %d at %d, outside the scalar [%d,%d]", it.Kind, it.Name, off, p.Offset, sc.Range.Start.Offset, sc.Range.End.Offset)
				}
				if p != ref[a][p.Offset] && p != sc.Range.Start {
					t.Fatalf("%s %q: value offset %d at %+v, want %+v", it.Kind, it.Name, off, p, ref[a][p.Offset])
				}
			}
		}
		for _, r := range s.Rules {
			for i, tag := range r.Tags {
				if i > 0 && r.Tags[i-1].Value >= tag.Value {
					t.Fatalf("rule %q: tags not sorted and unique", r.Name)
				}
				file := tag.Item.File
				if ref[file] == nil {
					ref[file] = refPositions(file.Src)
				}
				if err := checkRange(file.Src, ref[file], file.Path, tag.Range); err != nil {
					t.Fatalf("rule %q tag %q: %v", r.Name, tag.Value, err)
				}
			}
		}
	})
}
