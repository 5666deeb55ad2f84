package unidiff

import "github.com/aymanbagabas/go-udiff/lcs"

// contextLines is go-udiff's DefaultContextLines.
const contextLines = 3

// Unified returns the unified diff of old and new, labelled oldLabel and
// newLabel, or "" when they are equal: the same bytes as go-udiff's
// udiff.Unified(oldLabel, newLabel, old, new).
func Unified(oldLabel, newLabel, old, new string) string {
	if old == new {
		return "" // the LCS finds no diffs
	}
	a, b := splitLines(old), splitLines(new)
	hs := hunks(len(a), lcs.DiffLines(a, b), contextLines)
	return format(oldLabel, newLabel, a, b, hs)
}
