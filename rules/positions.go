package rules

import "github.com/falcomitre/falcomitre/diag"

// Positions converts byte offsets of f.Src to positions counted the way
// every Range of f is (lines as YAML breaks them, columns in code points),
// for callers that find things in the bytes themselves, such as comments.
// Each call builds a line table, so pass every offset of a file at once.
func (f *File) Positions(offsets ...int) []diag.Pos {
	t := newLineTable(f.Src)
	out := make([]diag.Pos, len(offsets))
	for i, off := range offsets {
		out[i] = t.pos(off)
	}
	return out
}
