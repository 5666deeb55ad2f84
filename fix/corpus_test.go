package fix_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aymanbagabas/go-udiff"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/fix"
	"github.com/falcomitre/falcomitre/rules"
)

// corpusDir is the shared corpus of real rules files, beside the module.
func corpusDir(tb testing.TB) string {
	dir := filepath.Join("..", "..", "shared", "corpus")
	if _, err := os.Stat(filepath.Join(dir, "MANIFEST.tsv")); err != nil {
		tb.Skipf("rules corpus not found at %s (it lives beside the repository, in ../shared): %v", dir, err)
	}
	return dir
}

// TestCorpus fixes a copy of every corpus file, unsafe fixes and removals
// included: only tag bytes may change (Verify inside fix.Run, and
// sameButTags here), the file must load again, a second run must change
// nothing, and no fix may be left.
func TestCorpus(t *testing.T) {
	root := corpusDir(t)
	cat := catalog(t)
	find := finder(cat, everything)
	tmp := t.TempDir()
	var files, fixed, tags int
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml")) {
			return err
		}
		files++
		name, _ := filepath.Rel(root, path)
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		copyPath := filepath.Join(tmp, strings.ReplaceAll(filepath.ToSlash(name), "/", "__"))
		if err := os.WriteFile(copyPath, src, 0o644); err != nil {
			return err
		}
		set, err := rules.Load(copyPath)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			return nil
		}
		loaded := set.Files[0].Err == nil
		// The default policy leaves only unsafe fixes and removals.
		def := fix.Run(set.Files, finder(cat, check.FixPolicy{}), fix.Options{})
		if left := check.Run(def.Set, cat, check.Options{}).Fixes(check.FixPolicy{}); len(left) > 0 {
			t.Errorf("%s: %d safe fixes left, the first: %+v", name, len(left), left[0])
		}
		res := fix.Run(set.Files, find, fix.Options{})
		ff := res.Files[0]
		if ff.Err != nil {
			t.Errorf("%s: %v", name, ff.Err)
		}
		if !ff.Changed() {
			return nil
		}
		if !loaded {
			t.Errorf("%s: changed a file that did not load", name)
		}
		changesHold(t, ff)
		if err := fix.WriteFile(copyPath, ff.Before, ff.After); err != nil {
			t.Fatal(err)
		}
		fixed++
		tags += ff.Tags
		if err := sameButTags(src, ff.After); err != nil {
			t.Errorf("%s: more than tags changed: %v", name, err)
		}
		again, err := rules.Load(copyPath)
		if err != nil || again.Files[0].Err != nil {
			t.Errorf("%s: the fixed file does not load: %v %v", name, err, again.Files[0].Err)
			return nil
		}
		res2 := fix.Run(again.Files, find, fix.Options{})
		if f2 := res2.Files[0]; f2.Changed() {
			t.Errorf("%s: a second run changes it again:\n%s", name, udiff.Unified("first", "second", string(f2.Before), string(f2.After)))
		}
		if left := check.Run(again, cat, check.Options{}).Fixes(everything); len(left) > 0 {
			t.Errorf("%s: %d fixes left, the first: %+v", name, len(left), left[0])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d corpus files: %d fixed, %d tags changed", files, fixed, tags)
}
