package fix

import (
	"runtime"
	"strings"
	"testing"
	"weak"

	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/rules"
)

// TestRoundLetsPatchedModelsGo holds Run, and the round it starts, to
// keeping no model of a file it patches by the time it collects garbage
// before parsing the file patched: that parse is to reuse the memory,
// which at 100k rules is most of it.
func TestRoundLetsPatchedModelsGo(t *testing.T) {
	const src = "- rule: R\n  desc: d\n  condition: c\n  output: o\n  priority: INFO\n  tags: [a, b]\n"
	var before weak.Pointer[rules.File]
	collected, applied := 0, 0
	defer func(from int, c func()) { collectFrom, collect = from, c }(collectFrom, collect)
	collectFrom = 0
	collect = func() {
		collected++
		runtime.GC()
		if before.Value() != nil {
			t.Error("the model of the file before the round is still reachable when the round parses it patched")
		}
	}
	find := func(s *rules.Set) []diag.Fix {
		if collected > 0 {
			return nil
		}
		before = weak.Make(s.Files[0])
		tag := s.Files[0].Items[0].Tags[0]
		return []diag.Fix{{Edits: mustEdits(Replace(tag, "x"))}}
	}
	res := Run([]*rules.File{rules.Parse("r.yaml", []byte(src))}, find, Options{BeforeApply: func() { applied++ }})
	if collected != 1 || applied != 1 || res.Rounds != 1 {
		t.Errorf("collected %d times, BeforeApply called %d times, %d rounds; want 1 each", collected, applied, res.Rounds)
	}
	if ff := res.Files[0]; !strings.Contains(string(ff.After), "tags: [x, b]") || ff.Tags != 1 {
		t.Errorf("got %q, %d tags changed", ff.After, ff.Tags)
	}
}

func mustEdits(edits []diag.Edit, err error) []diag.Edit {
	if err != nil {
		panic(err)
	}
	return edits
}
