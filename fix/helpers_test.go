package fix_test

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/fix"
	"github.com/falcomitre/falcomitre/rules"
)

var update = flag.Bool("update", false, "rewrite golden files")

// everything is the policy that applies every fix there is.
var everything = check.FixPolicy{Unsafe: true, Remove: true}

func catalog(tb testing.TB) *attack.Catalog {
	tb.Helper()
	cat, err := attack.Embedded()
	if err != nil {
		tb.Fatal(err)
	}
	return cat
}

// finder drives fix.Run with the checks, as the command line does.
func finder(cat *attack.Catalog, p check.FixPolicy) fix.Finder {
	return func(s *rules.Set) []diag.Fix { return check.Run(s, cat, check.Options{}).Fixes(p) }
}

// finderAll is finder under tactic-policy all.
func finderAll(cat *attack.Catalog, p check.FixPolicy) fix.Finder {
	opt := check.Options{TacticPolicy: check.TacticsAll}
	return func(s *rules.Set) []diag.Fix { return check.Run(s, cat, opt).Fixes(p) }
}

// golden compares got with the file at path, or rewrites it with -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./fix -update creates it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test ./fix -update rewrites it); got:\n%s", path, got)
	}
}

// applyFix applies one fix alone to the files of set, verifying each
// patched file, and returns the new text of each file it touches.
func applyFix(t *testing.T, set *rules.Set, fx diag.Fix) map[string][]byte {
	t.Helper()
	byFile := map[string][]diag.Edit{}
	for _, e := range fx.Edits {
		byFile[e.File] = append(byFile[e.File], e)
	}
	out := map[string][]byte{}
	for _, f := range set.Files {
		edits := byFile[f.Path]
		if edits == nil {
			continue
		}
		patched, err := fix.Apply(f.Src, edits)
		if err != nil {
			t.Errorf("%s: fix %q: %v", f.Path, fx.Title, err)
			continue
		}
		if err := fix.Verify(rules.Parse(f.Path, f.Src), rules.Parse(f.Path, patched)); err != nil {
			t.Errorf("fix %q fails verification: %v", fx.Title, err)
		}
		out[f.Path] = patched
	}
	return out
}

func rel(dir, path string) string {
	if r, err := filepath.Rel(dir, path); err == nil {
		return filepath.ToSlash(r)
	}
	return path
}

// changesHold fails the test unless ff's Changes describe its Before and
// After: the diff is made from them.
func changesHold(t *testing.T, ff *fix.File) {
	t.Helper()
	if err := ff.WriteDiff(io.Discard, "a", "b"); err != nil {
		t.Fatalf("%s: the changes do not describe the fix: %v", ff.Path, err)
	}
}
