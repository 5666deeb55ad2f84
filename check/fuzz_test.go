package check_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/falcomitre/falcomitre/check"
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
		rep := check.Run(rules.Resolve([]*rules.File{file}), cat, check.Options{})
		for _, fd := range rep.Findings {
			r := fd.Range
			if r.File != "f.yaml" || r.Start.Offset < 0 || r.End.Offset > len(src) || r.Start.Offset > r.End.Offset || r.Start.Line < 1 || r.Start.Column < 1 {
				t.Fatalf("finding outside the input: %+v", fd)
			}
		}
	})
}
