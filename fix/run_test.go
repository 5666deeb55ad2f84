package fix_test

import (
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/fix"
	"github.com/falcomitre/falcomitre/rules"
)

const runBase = "- rule: R\n  desc: d\n  condition: c\n  output: o\n  priority: INFO\n  tags: [a, b]\n"

// tagFinder returns a Finder that makes, for every tag of every item, the
// fixes fn returns.
func tagFinder(fn func(rules.Tag) []diag.Fix) fix.Finder {
	return func(s *rules.Set) []diag.Fix {
		var out []diag.Fix
		for _, f := range s.Files {
			for _, it := range f.Items {
				for _, t := range it.Tags {
					out = append(out, fn(t)...)
				}
			}
		}
		return out
	}
}

func must(edits []diag.Edit, err error) []diag.Edit {
	if err != nil {
		panic(err)
	}
	return edits
}

func runOn(src string, find fix.Finder) *fix.File {
	return fix.Run([]*rules.File{rules.Parse("r.yaml", []byte(src))}, find, fix.Options{Rounds: 5}).Files[0]
}

func TestRun(t *testing.T) {
	t.Run("colliding fixes wait a round", func(t *testing.T) {
		// Two fixes rewrite the same tag: the first wins, and the second,
		// found again next round, no longer applies.
		ff := runOn(runBase, tagFinder(func(t rules.Tag) []diag.Fix {
			if t.Value != "a" {
				return nil
			}
			return []diag.Fix{{Edits: must(fix.Replace(t, "x"))}, {Edits: must(fix.Replace(t, "y"))}}
		}))
		if !strings.Contains(string(ff.After), "tags: [x, b]") || ff.Fixes != 1 {
			t.Errorf("got %q after %d fixes", ff.After, ff.Fixes)
		}
	})
	t.Run("safe before unsafe", func(t *testing.T) {
		// The unsafe fix would add a tag; the safe one makes it moot.
		ff := runOn(runBase, tagFinder(func(t rules.Tag) []diag.Fix {
			has := func(v string) bool {
				for _, o := range t.Item.Tags {
					if o.Value == v {
						return true
					}
				}
				return false
			}
			switch {
			case t.Value == "a" && !has("c"):
				return []diag.Fix{{Edits: must(fix.InsertAfter(t, "c")), Unsafe: true}}
			case t.Value == "b":
				return []diag.Fix{{Edits: must(fix.Replace(t, "a"))}}
			}
			return nil
		}))
		// Round 1: b → a (safe only). Round 2: both a's get an unsafe c.
		if got := string(ff.After); !strings.Contains(got, "tags: [a, c, a, c]") {
			t.Errorf("got %q", got)
		}
	})
	t.Run("the round cap", func(t *testing.T) {
		res := fix.Run([]*rules.File{rules.Parse("r.yaml", []byte(runBase))}, tagFinder(func(t rules.Tag) []diag.Fix {
			next := map[string]string{"a": "b", "b": "a"}[t.Value]
			return []diag.Fix{{Edits: must(fix.Replace(t, next))}}
		}), fix.Options{Rounds: 3})
		if res.Rounds != 3 || !res.Capped {
			t.Errorf("rounds %d, capped %v", res.Rounds, res.Capped)
		}
	})
	t.Run("a fix that changes more than tags is refused", func(t *testing.T) {
		ff := runOn(runBase, tagFinder(func(t rules.Tag) []diag.Fix {
			if t.Value != "a" {
				return nil
			}
			return []diag.Fix{{Edits: []diag.Edit{{File: "r.yaml", Offset: 0, Length: 1, Text: "#"}}}}
		}))
		if ff.Changed() || ff.Err == nil || !strings.Contains(ff.Err.Error(), "refusing a fix") {
			t.Errorf("changed %v, err %v", ff.Changed(), ff.Err)
		}
	})
	t.Run("a bad fix does not hold back a good one", func(t *testing.T) {
		// Together they fail; the good one, first, is applied alone,
		// and the bad one is refused the next round.
		good := tagFinder(func(t rules.Tag) []diag.Fix {
			if t.Value != "a" {
				return nil
			}
			return []diag.Fix{{Edits: must(fix.Replace(t, "x"))}}
		})
		bad := tagFinder(func(t rules.Tag) []diag.Fix {
			if t.Value != "b" {
				return nil
			}
			return []diag.Fix{{Edits: []diag.Edit{{File: "r.yaml", Offset: 0, Length: 1, Text: "#"}}}}
		})
		ff := runOn(runBase, func(s *rules.Set) []diag.Fix { return append(good(s), bad(s)...) })
		if !strings.Contains(string(ff.After), "tags: [x, b]") || ff.Fixes != 1 || ff.Err == nil {
			t.Errorf("got %q after %d fixes, err %v", ff.After, ff.Fixes, ff.Err)
		}
	})
	t.Run("a file that did not load is left alone", func(t *testing.T) {
		src := runBase + "- rule: S\n  tags: oops\n"
		ff := runOn(src, tagFinder(func(t rules.Tag) []diag.Fix {
			return []diag.Fix{{Edits: must(fix.Replace(t, "z"))}}
		}))
		if ff.Changed() {
			t.Errorf("changed: %q", ff.After)
		}
	})
}

// TestRunFromSet: a run given the files' resolved set starts from it, and
// ignores a set of other files; either way the result is that of a run
// that resolves them itself.
func TestRunFromSet(t *testing.T) {
	find := tagFinder(func(t rules.Tag) []diag.Fix {
		if t.Value != "a" {
			return nil
		}
		return []diag.Fix{{Edits: must(fix.Replace(t, "x"))}}
	})
	files := []*rules.File{rules.Parse("r.yaml", []byte(runBase))}
	want := fix.Run(files, find, fix.Options{})
	set := rules.Resolve(files)
	other := rules.Resolve([]*rules.File{rules.Parse("r.yaml", []byte(runBase))})
	for name, opt := range map[string]fix.Options{"own set": {Set: set}, "other set": {Set: other}} {
		var first *rules.Set
		counted := func(s *rules.Set) []diag.Fix {
			if first == nil {
				first = s
			}
			return find(s)
		}
		got := fix.Run(files, counted, opt)
		if string(got.Files[0].After) != string(want.Files[0].After) || got.Rounds != want.Rounds {
			t.Errorf("%s: got %q in %d rounds, want %q in %d", name, got.Files[0].After, got.Rounds, want.Files[0].After, want.Rounds)
		}
		if (first == set) != (name == "own set") || first == other {
			t.Errorf("%s: the first round did not start from the right set", name)
		}
	}
}
