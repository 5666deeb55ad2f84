package fix

import (
	"cmp"
	"slices"

	"github.com/falcomitre/falcomitre/diag"
)

// takenEdits are the edits a plan holds, per file, in Apply's order. They
// never conflict, so they are disjoint spans, and a new edit can only
// conflict with its neighbours in that order: a search per edit instead
// of a scan of every edit taken (62,500 fixes in one file took 14 s).
type takenEdits map[string][]diag.Edit

func editOrder(a, b diag.Edit) int {
	return cmp.Or(cmp.Compare(a.Offset, b.Offset), cmp.Compare(a.Length, b.Length))
}

// conflicts reports whether e conflicts with an edit taken in its file.
func (t takenEdits) conflicts(e diag.Edit) bool {
	s := t[e.File]
	i, _ := slices.BinarySearchFunc(s, e, editOrder)
	return i > 0 && conflict(s[i-1], e) || i < len(s) && conflict(e, s[i])
}

// add takes e; fixes mostly come in file order, so this is mostly an
// append.
func (t takenEdits) add(e diag.Edit) {
	s := t[e.File]
	i, _ := slices.BinarySearchFunc(s, e, editOrder)
	t[e.File] = slices.Insert(s, i, e)
}
