package fix

import (
	"io"

	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/internal/unidiff"
)

// A Change is a stretch of bytes that a Run changed in a file:
// Before[Old:OldEnd] is After[New:NewEnd] now. A File's Changes are in
// order and apart, and between them, before the first and after the
// last, Before and After hold the same bytes. A diff of the two is made
// from them without searching for what changed.
type Change struct{ Old, OldEnd, New, NewEnd int }

// compose returns the changes from Before to the text that edits, sorted
// and in the offsets of the text that prev leads to, make of it: a round
// patches the file as the rounds before left it. A change and an edit
// that overlap or touch become one change.
func compose(prev []Change, edits []diag.Edit) []Change {
	out := make([]Change, 0, len(prev)+len(edits))
	// Between changes, a byte's offset in Before is its offset in the
	// text so far less dPrev, and its offset after the edits, that offset
	// plus dEdits: the growth of what went before.
	dPrev, dEdits := 0, 0
	i, j := 0, 0
	for i < len(prev) || j < len(edits) {
		// The group starts at whichever comes first, and takes in every
		// change and edit that starts before it ends.
		var lo, hi int
		if j == len(edits) || (i < len(prev) && prev[i].New <= edits[j].Offset) {
			lo, hi = prev[i].New, prev[i].NewEnd
		} else {
			lo, hi = edits[j].Offset, edits[j].End()
		}
		c := Change{Old: lo - dPrev, New: lo + dEdits}
		for more := true; more; {
			switch {
			case i < len(prev) && prev[i].New <= hi:
				p := prev[i]
				hi = max(hi, p.NewEnd)
				dPrev += (p.NewEnd - p.New) - (p.OldEnd - p.Old)
				i++
			case j < len(edits) && edits[j].Offset <= hi:
				e := edits[j]
				hi = max(hi, e.End())
				dEdits += len(e.Text) - e.Length
				j++
			default:
				more = false
			}
		}
		c.OldEnd, c.NewEnd = hi-dPrev, hi+dEdits
		out = append(out, c)
	}
	return out
}

// WriteDiff writes the unified diff of the file's fixes to w, labelled
// from and to, as diff -u prints it; nothing when the file is unchanged.
func (f *File) WriteDiff(w io.Writer, from, to string) error {
	cs := make([]unidiff.Change, len(f.Changes))
	for i, c := range f.Changes {
		cs[i] = unidiff.Change(c)
	}
	return unidiff.Write(w, from, to, f.Before, f.After, cs)
}
