package fix_test

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/fix"
	"github.com/falcomitre/falcomitre/internal/rulegen"
	"github.com/falcomitre/falcomitre/rules"
)

// TestRunReparse fixes a few tags of a file large enough to be read in
// chunks, as a large round does, once moving the items the fixes leave
// alone (rules.Reparse) and once parsing whole: the same files, changes,
// set and report.
func TestRunReparse(t *testing.T) {
	names, err := rulegen.Write(t.TempDir(), 8000)
	if err != nil {
		t.Fatal(err)
	}
	cat := catalog(t)
	find := finder(cat, everything)
	// The generated rules with every fix made, then a few put back.
	set := rules.LoadFiles(names...)
	fixed := fix.Run(set.Files, find, fix.Options{})
	for _, ff := range fixed.Files {
		after := strings.Replace(string(ff.After), "T1562.001]", "T1089]", 12)
		if err := os.WriteFile(ff.Path, []byte(after), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(whole bool) *fix.Result {
		defer fix.LargeRounds(whole)()
		set := rules.LoadFiles(names...)
		if !set.Files[0].Reparsable() {
			t.Fatalf("%s cannot be reparsed", names[0])
		}
		return fix.Run(set.Files, find, fix.Options{Consume: true})
	}
	moved, whole := run(false), run(true)
	if moved.Rounds == 0 || moved.Files[0].Fixes == 0 {
		t.Fatalf("nothing fixed: %d rounds", moved.Rounds)
	}
	for i, m := range moved.Files {
		w := whole.Files[i]
		if string(m.After) != string(w.After) || m.Fixes != w.Fixes || m.Tags != w.Tags || !reflect.DeepEqual(m.Changes, w.Changes) {
			t.Errorf("%s: moving items fixed it otherwise: %d fixes, %d tags; whole: %d, %d", m.Path, m.Fixes, m.Tags, w.Fixes, w.Tags)
		}
	}
	if !reflect.DeepEqual(moved.Set, whole.Set) {
		t.Error("the fixed sets differ")
	}
	rm, rw := check.Run(moved.Set, cat, check.Options{}), check.Run(whole.Set, cat, check.Options{})
	if !reflect.DeepEqual(rm.Findings, rw.Findings) {
		t.Errorf("the reports differ: %d findings, whole %d", len(rm.Findings), len(rw.Findings))
	}
}
