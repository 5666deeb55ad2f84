package fix_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aymanbagabas/go-udiff"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/fix"
	"github.com/falcomitre/falcomitre/rules"
)

// TestLayouts runs the checks' fixes on one directory per layout (flow,
// block, quoted, commented, CRLF, multi-line flow, BOM, anchors, an
// override in a second file). out.golden has one section per fix, as the
// diff of that fix applied alone (go-tools' quickfix goldens), one per
// refusal, and the files as a whole fix run leaves them.
func TestLayouts(t *testing.T) {
	cat := catalog(t)
	dirs, _ := filepath.Glob(filepath.Join("testdata", "layout", "*"))
	if len(dirs) == 0 {
		t.Fatal("no layouts")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			set, err := rules.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			rep := check.Run(set, cat, check.Options{})
			for _, f := range rep.Findings {
				at := fmt.Sprintf("%s:%d:%d [%s]", rel(dir, f.Range.File), f.Range.Start.Line, f.Range.Start.Column, f.Code)
				for _, fx := range f.Fixes {
					unsafe := ""
					if fx.Unsafe {
						unsafe = " (unsafe)"
					}
					fmt.Fprintf(&b, "-- %s %s%s --\n", at, fx.Title, unsafe)
					patched := applyFix(t, set, fx)
					for _, file := range set.Files {
						if p, ok := patched[file.Path]; ok {
							r := rel(dir, file.Path)
							b.WriteString(udiff.Unified(r, r, string(file.Src), string(p)))
						}
					}
				}
				if f.Unfixable != "" {
					fmt.Fprintf(&b, "-- %s not fixed: %s --\n", at, f.Unfixable)
				}
			}
			res := fix.Run(set.Files, finder(cat, everything), fix.Options{})
			fmt.Fprintf(&b, "-- all fixes, unsafe and removals included: %d rounds --\n", res.Rounds)
			for _, ff := range res.Files {
				if ff.Err != nil {
					t.Errorf("%v", ff.Err)
				}
				fmt.Fprintf(&b, "== %s: %d fixes, %d tags changed\n%s", rel(dir, ff.Path), ff.Fixes, ff.Tags, ff.After)
			}
			golden(t, filepath.Join(dir, "out.golden"), []byte(b.String()))
			again := fix.Run(res.Set.Files, finder(cat, everything), fix.Options{})
			for _, ff := range again.Files {
				if ff.Changed() {
					t.Errorf("%s: a second fix run changes it again:\n%s", ff.Path, udiff.Unified("first", "second", string(ff.Before), string(ff.After)))
				}
			}
			if left := check.Run(res.Set, cat, check.Options{}).Fixes(everything); len(left) > 0 {
				t.Errorf("fixes left after the fix run: %+v", left)
			}
		})
	}
}

// TestBuilders removes every tag of every layout, and inserts one after
// each, checking each result with Verify; ops.golden shows the diffs.
func TestBuilders(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("testdata", "layout", "*"))
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			set, err := rules.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, f := range set.Files {
				r := rel(dir, f.Path)
				for _, it := range f.Items {
					if it.TagsSeq == nil {
						continue
					}
					for _, tag := range it.Tags {
						for _, op := range []struct {
							name  string
							build func() ([]diag.Edit, error)
						}{
							{"remove", func() ([]diag.Edit, error) { return fix.Remove(tag) }},
							{"insert T9999 after", func() ([]diag.Edit, error) { return fix.InsertAfter(tag, "T9999") }},
							{"insert T9998 and T9999 after", func() ([]diag.Edit, error) { return fix.InsertAfter(tag, "T9998", "T9999") }},
						} {
							fmt.Fprintf(&b, "-- %s:%d:%d %s %q --\n", r, tag.Range.Start.Line, tag.Range.Start.Column, op.name, tag.Value)
							edits, err := op.build()
							if err != nil {
								fmt.Fprintf(&b, "refused: %v\n", err)
								continue
							}
							out := applyFix(t, set, diag.Fix{Title: op.name, Edits: edits})
							b.WriteString(udiff.Unified(r, r, string(f.Src), string(out[f.Path])))
						}
					}
				}
			}
			golden(t, filepath.Join(dir, "ops.golden"), []byte(b.String()))
		})
	}
}
