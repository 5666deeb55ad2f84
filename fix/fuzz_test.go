package fix_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/fix"
	"github.com/falcomitre/falcomitre/rules"
)

// addSeeds adds the loader's and the layouts' test files to f; the layouts
// are also committed under testdata/fuzz.
func addSeeds(f *testing.F) {
	for _, glob := range []string{
		filepath.Join("testdata", "layout", "*", "*.yaml"),
		filepath.Join("..", "rules", "testdata", "load", "*", "*.yaml"),
	} {
		paths, _ := filepath.Glob(glob)
		for _, p := range paths {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
}

// FuzzApply removes every tag of arbitrary rules files, inserts one after
// each and rewrites each with text that needs quoting: nothing may panic,
// the builders' edits must apply, and every result must pass Verify and
// sameButTags (it loads again, and only tags changed).
func FuzzApply(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		before := rules.Parse("f.yaml", src)
		if before.Err != nil {
			return // a fix run never edits a file that does not load
		}
		ops := []struct {
			name  string
			build func(rules.Tag) ([]diag.Edit, error)
		}{
			{"remove", fix.Remove},
			{"insert", func(t rules.Tag) ([]diag.Edit, error) { return fix.InsertAfter(t, "T1059.004") }},
			{"insert two", func(t rules.Tag) ([]diag.Edit, error) { return fix.InsertAfter(t, "mitre_execution", "it's, #2") }},
			{"replace", func(t rules.Tag) ([]diag.Edit, error) { return fix.Replace(t, "mitre_execution") }},
			{"replace quoted", func(t rules.Tag) ([]diag.Edit, error) { return fix.Replace(t, "it's, #1") }},
		}
		n := 0
		for _, it := range before.Items {
			for _, tag := range it.Tags {
				if n++; n > 40 {
					return // enough for one input; keeps each run fast
				}
				for _, op := range ops {
					edits, err := op.build(tag)
					if err != nil {
						continue
					}
					out, err := fix.Apply(src, edits)
					if err != nil {
						t.Fatalf("%s %q: the builder's edits do not apply: %v", op.name, tag.Value, err)
					}
					if err := fix.Verify(before, rules.Parse("f.yaml", out)); err != nil {
						t.Fatalf("%s %q: %v\ninput:  %q\noutput: %q", op.name, tag.Value, err, src, out)
					}
					if err := sameButTags(src, out); err != nil {
						t.Fatalf("%s %q: %v\ninput:  %q\noutput: %q", op.name, tag.Value, err, src, out)
					}
				}
			}
		}
	})
}

// FuzzFix runs the whole fix loop with every check's fixes on arbitrary
// rules files: nothing may panic, a changed file must load again and
// differ only in tags, and a second run must change nothing.
func FuzzFix(f *testing.F) {
	addSeeds(f)
	cat := catalog(f)
	one, all := finder(cat, everything), finderAll(cat, everything)
	f.Fuzz(func(t *testing.T, src []byte) {
		// Half the inputs run under tactic-policy all, whose fixes add
		// several tags at once.
		find := one
		if len(src)%2 == 1 {
			find = all
		}
		file := rules.Parse("f.yaml", src)
		res := fix.Run([]*rules.File{file}, find, fix.Options{})
		ff := res.Files[0]
		if !ff.Changed() {
			return
		}
		changesHold(t, ff)
		after := rules.Parse("f.yaml", ff.After)
		if err := fix.Verify(rules.Parse("f.yaml", src), after); err != nil {
			t.Fatalf("%v\ninput:  %q\noutput: %q", err, src, ff.After)
		}
		if err := sameButTags(src, ff.After); err != nil {
			t.Fatalf("%v\ninput:  %q\noutput: %q", err, src, ff.After)
		}
		again := fix.Run([]*rules.File{after}, find, fix.Options{})
		if again.Files[0].Changed() {
			t.Fatalf("a second run changes it again\ninput:  %q\nfirst:  %q\nsecond: %q", src, ff.After, again.Files[0].After)
		}
	})
}

// FuzzVerifyDigest changes arbitrary rules files at an arbitrary place
// and holds Verify against a digest of the file before (as a large round
// makes it) to Verify against its model: the same verdict, the same
// message.
func FuzzVerifyDigest(f *testing.F) {
	for _, glob := range []string{
		filepath.Join("testdata", "layout", "*", "*.yaml"),
		filepath.Join("..", "rules", "testdata", "load", "*", "*.yaml"),
	} {
		paths, _ := filepath.Glob(glob)
		for i, p := range paths {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b, uint16(i*37), uint8(i%4), "x")
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, at uint16, cut uint8, text string) {
		before := rules.Parse("f.yaml", src)
		if before.Err != nil {
			return // Run never patches a file that did not load
		}
		off := int(at) % (len(src) + 1)
		end := min(len(src), off+int(cut)%8)
		out := append(append(append([]byte(nil), src[:off]...), text...), src[end:]...)
		after := rules.Parse("f.yaml", out)
		byModel, byDigest := fix.Verify(before, after), fix.VerifyByDigest(before, after)
		if fmt.Sprint(byModel) != fmt.Sprint(byDigest) {
			t.Fatalf("against the model: %v\nagainst the digest: %v\ninput:  %q\noutput: %q", byModel, byDigest, src, out)
		}
	})
}
