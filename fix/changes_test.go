package fix

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/falcomitre/falcomitre/diag"
)

// describes reports how cs fail to be the changes from before to after.
func describes(before, after []byte, cs []Change) error {
	o, n := 0, 0
	for i, c := range cs {
		if c.Old < o || c.OldEnd < c.Old || c.OldEnd > len(before) || c.New < n || c.NewEnd < c.New || c.NewEnd > len(after) {
			return fmt.Errorf("change %d %+v out of order or bounds", i, c)
		}
		if i > 0 && c.Old == o && c.New == n {
			return fmt.Errorf("change %d %+v touches the one before", i, c)
		}
		if !bytes.Equal(before[o:c.Old], after[n:c.New]) {
			return fmt.Errorf("the texts differ before change %d %+v", i, c)
		}
		o, n = c.OldEnd, c.NewEnd
	}
	if !bytes.Equal(before[o:], after[n:]) {
		return fmt.Errorf("the texts differ after the last change")
	}
	return nil
}

func TestCompose(t *testing.T) {
	e := func(off, n int, text string) diag.Edit { return diag.Edit{Offset: off, Length: n, Text: text} }
	src := []byte("0123456789")
	for _, c := range []struct {
		name   string
		rounds [][]diag.Edit
		want   []Change
	}{
		{"none", nil, nil},
		{"one", [][]diag.Edit{{e(2, 2, "ab")}}, []Change{{2, 4, 2, 4}}},
		{"apart", [][]diag.Edit{{e(1, 1, ""), e(5, 0, "xyz")}}, []Change{{1, 2, 1, 1}, {5, 5, 4, 7}}},
		{"inside an earlier change", [][]diag.Edit{{e(2, 2, "abcd")}, {e(3, 1, "")}}, []Change{{2, 4, 2, 5}}},
		{"touching an earlier change", [][]diag.Edit{{e(2, 2, "ab")}, {e(4, 1, "X")}}, []Change{{2, 5, 2, 5}}},
		{"around an earlier change", [][]diag.Edit{{e(4, 1, "")}, {e(2, 4, "")}}, []Change{{2, 7, 2, 2}}},
		{"after a growth", [][]diag.Edit{{e(0, 0, "abc")}, {e(8, 1, "")}}, []Change{{0, 0, 0, 3}, {5, 6, 8, 8}}},
		{"before a shrink", [][]diag.Edit{{e(8, 2, "")}, {e(1, 1, "X")}}, []Change{{1, 2, 1, 2}, {8, 10, 8, 8}}},
	} {
		var cs []Change
		text := src
		for _, edits := range c.rounds {
			out, sorted, err := apply(text, edits)
			if err != nil {
				t.Fatal(err)
			}
			cs, text = compose(cs, sorted), out
		}
		if err := describes(src, text, cs); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
		if !slices.Equal(cs, c.want) && !(len(cs) == 0 && len(c.want) == 0) {
			t.Errorf("%s: got %v, want %v", c.name, cs, c.want)
		}
	}
}

// TestComposeRandom makes rounds of random edits to a random text: after
// each round the changes must lead from the text to the result.
func TestComposeRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 3000 {
		src := make([]byte, r.IntN(60))
		for i := range src {
			src[i] = byte('a' + r.IntN(3))
		}
		var cs []Change
		text := src
		for range 1 + r.IntN(4) {
			var edits []diag.Edit
			for range r.IntN(6) {
				off := r.IntN(len(text) + 1)
				e := diag.Edit{Offset: off, Length: min(r.IntN(4), len(text)-off), Text: "XY"[:r.IntN(3)]}
				if !conflictsWith(edits, e) {
					edits = append(edits, e)
				}
			}
			out, sorted, err := apply(text, edits)
			if err != nil {
				t.Fatal(err)
			}
			cs, text = compose(cs, sorted), out
			if err := describes(src, text, cs); err != nil {
				t.Fatalf("%v\nsrc %q, text %q, changes %v", err, src, text, cs)
			}
		}
	}
}
