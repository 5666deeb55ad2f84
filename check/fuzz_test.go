package check_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/rules"
)

// FuzzCheck runs every check on arbitrary rules files: nothing panics and
// every finding points inside the file it names.
func FuzzCheck(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*", "*.yaml"))
	ex, _ := filepath.Glob(filepath.Join("..", "examples", "rules", "*.yaml"))
	for _, p := range append(seeds, ex...) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	cat := embedded(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		file := rules.Parse("f.yaml", src)
		// Policy all exercises the fixes that add several tags at once.
		rep := check.Run(rules.Resolve([]*rules.File{file}), cat, check.Options{TacticPolicy: check.TacticsAll})
		inside := func(r diag.Range) bool {
			return r.File == "f.yaml" && r.Start.Offset >= 0 && r.End.Offset <= len(src) && r.Start.Offset <= r.End.Offset && r.Start.Line >= 1 && r.Start.Column >= 1
		}
		for _, fd := range rep.Findings {
			if !inside(fd.Range) {
				t.Fatalf("finding outside the input: %+v", fd)
			}
		}
		// Suppressions are parsed from the bytes: their comments must lie
		// inside the input too.
		for _, s := range rep.Suppressed {
			if !inside(s.Range) || !inside(s.By.Range) {
				t.Fatalf("suppression outside the input: %+v", s)
			}
		}
		for _, s := range check.Suppressions(file) {
			if !inside(s.Range) || s.Range.End.Offset <= s.Range.Start.Offset || src[s.Range.Start.Offset] != '#' {
				t.Fatalf("suppression comment outside the input: %+v", s)
			}
		}
	})
}
