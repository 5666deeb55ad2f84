package fix

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/falcomitre/falcomitre/diag"
)

// Apply returns src with edits applied. The edits' offsets are those of
// src; their File fields are not looked at, so the caller passes the
// edits of one file. Edits may come in any order; two that overlap, or
// two insertions at the same offset (whose order would be a guess), are an
// error, and so is an edit outside src. src is not modified.
func Apply(src []byte, edits []diag.Edit) ([]byte, error) {
	out, _, err := apply(src, edits)
	return out, err
}

// apply is Apply that also returns the edits in the order applied.
func apply(src []byte, edits []diag.Edit) ([]byte, []diag.Edit, error) {
	sorted := sortEdits(edits)
	size := len(src)
	for i, e := range sorted {
		if e.Offset < 0 || e.Length < 0 || e.End() > len(src) {
			return nil, nil, fmt.Errorf("edit of bytes [%d,%d) lies outside the %d bytes of the file", e.Offset, e.End(), len(src))
		}
		if i > 0 && conflict(sorted[i-1], e) {
			p := sorted[i-1]
			return nil, nil, fmt.Errorf("edits of bytes [%d,%d) and [%d,%d) overlap", p.Offset, p.End(), e.Offset, e.End())
		}
		size += len(e.Text) - e.Length
	}
	out := make([]byte, 0, size)
	at := 0
	for _, e := range sorted {
		out = append(out, src[at:e.Offset]...)
		out = append(out, e.Text...)
		at = e.End()
	}
	return append(out, src[at:]...), sorted, nil
}

// sortEdits orders edits by offset, an insertion before a replacement
// that starts where it is.
func sortEdits(edits []diag.Edit) []diag.Edit {
	s := slices.Clone(edits)
	slices.SortStableFunc(s, func(a, b diag.Edit) int {
		return cmp.Or(cmp.Compare(a.Offset, b.Offset), cmp.Compare(a.Length, b.Length))
	})
	return s
}

// conflict reports whether b, which sorts after a, cannot be applied
// together with a.
func conflict(a, b diag.Edit) bool {
	if a.Length == 0 && b.Length == 0 {
		return a.Offset == b.Offset
	}
	return b.Offset < a.End()
}

// conflictsWith reports whether e conflicts with any of edits.
func conflictsWith(edits []diag.Edit, e diag.Edit) bool {
	for _, o := range edits {
		a, b := o, e
		if cmp.Or(cmp.Compare(a.Offset, b.Offset), cmp.Compare(a.Length, b.Length)) > 0 {
			a, b = b, a
		}
		if conflict(a, b) {
			return true
		}
	}
	return false
}
