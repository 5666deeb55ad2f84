package unidiff

import (
	"strings"
	"testing"

	"github.com/aymanbagabas/go-udiff"
)

// FuzzUnified compares Unified with udiff.Unified. The new text is made
// from the old by line edits that ops encodes, as random pairs of texts
// would have few lines in common.
func FuzzUnified(f *testing.F) {
	f.Add("a\nb\nc\n", []byte{0, 1, 2})
	f.Add("- rule: x\n  tags: [a, b]\n- rule: y\n  tags: [c]", []byte{2, 1, 9, 3})
	f.Add("", []byte{0})
	f.Add("a", []byte{5, 7})
	f.Fuzz(func(t *testing.T, old string, ops []byte) {
		new := applyOps(old, ops)
		want := udiff.Unified("a", "b", old, new)
		if got := Unified("a", "b", old, new); got != want {
			t.Fatalf("differs from udiff.Unified\nold: %q\nnew: %q\ngot:\n%s\nwant:\n%s", old, new, got, want)
		}
		if got := written(t, "a", "b", old, new); got != want {
			t.Fatalf("Write differs from udiff.Unified\nold: %q\nnew: %q\ngot:\n%s\nwant:\n%s", old, new, got, want)
		}
	})
}

// applyOps edits the lines of s: each pair of bytes picks an operation
// and a line (modulo the count).
func applyOps(s string, ops []byte) string {
	lines := strings.SplitAfter(s, "\n")
	for len(ops) >= 2 {
		op, at := ops[0], int(ops[1])
		ops = ops[2:]
		i := at % (len(lines) + 1)
		switch op % 5 {
		case 0:
			lines = append(lines[:i], append([]string{string(rune('a'+op%7)) + "\n"}, lines[i:]...)...)
		case 1:
			if i < len(lines) {
				lines = append(lines[:i], lines[i+1:]...)
			}
		case 2:
			if i < len(lines) {
				lines[i] = "x" + lines[i]
			}
		case 3:
			if i < len(lines) {
				lines[i] = strings.TrimSuffix(lines[i], "\n")
			}
		default:
			if i < len(lines) && i > 0 {
				lines[i], lines[i-1] = lines[i-1], lines[i]
			}
		}
	}
	return strings.Join(lines, "")
}

// FuzzUnifiedPair compares Unified with udiff.Unified on any two texts.
func FuzzUnifiedPair(f *testing.F) {
	f.Add("a\nb\nc\n", "a\nc\nd")
	f.Add("", "x\n")
	f.Add("a\r\n\xff\n", "a\n\xff")
	f.Fuzz(func(t *testing.T, old, new string) {
		want := udiff.Unified("a", "b", old, new)
		if got := Unified("a", "b", old, new); got != want {
			t.Fatalf("differs from udiff.Unified\nold: %q\nnew: %q\ngot:\n%s\nwant:\n%s", old, new, got, want)
		}
		if got := written(t, "a", "b", old, new); got != want {
			t.Fatalf("Write differs from udiff.Unified\nold: %q\nnew: %q\ngot:\n%s\nwant:\n%s", old, new, got, want)
		}
	})
}
