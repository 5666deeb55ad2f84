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
