package unidiff

import "bytes"

// block is a run of whole lines that changed: old[oldLo:oldHi] became
// new[newLo:newHi]. Each range starts at a line's start and ends after a
// newline or at the end of its text; either may be empty.
type block struct{ oldLo, oldHi, newLo, newHi int }

// blocks widens each change to the lines it touches, joins the changes
// whose lines touch, and trims the lines a block starts or ends with on
// both sides, which a diff shows as context.
func blocks(old, new []byte, changes []Change) []block {
	var bs []block
	for _, c := range changes {
		lo := lineStart(old, c.Old)
		hi := c.OldEnd
		if !atLineStart(old, c.OldEnd) || !atLineStart(new, c.NewEnd) {
			// The line goes on past the change, the same on both sides.
			hi = lineEnd(old, c.OldEnd)
		}
		if n := len(bs); n > 0 && lo <= bs[n-1].oldHi {
			last := &bs[n-1]
			hi = max(hi, last.oldHi)
			last.oldHi, last.newHi = hi, c.NewEnd+hi-c.OldEnd
			continue
		}
		bs = append(bs, block{lo, hi, c.New - (c.Old - lo), c.NewEnd + hi - c.OldEnd})
	}
	out := bs[:0]
	for _, b := range bs {
		b.trim(old, new)
		if b.oldLo < b.oldHi || b.newLo < b.newHi {
			out = append(out, b)
		}
	}
	return out
}

// trim drops the lines that both sides of b start or end with.
func (b *block) trim(old, new []byte) {
	for b.oldLo < b.oldHi && b.newLo < b.newHi {
		o, n := firstLine(old, b.oldLo, b.oldHi), firstLine(new, b.newLo, b.newHi)
		if !bytes.Equal(o, n) {
			break
		}
		b.oldLo += len(o)
		b.newLo += len(n)
	}
	for b.oldLo < b.oldHi && b.newLo < b.newHi {
		o, n := lastLine(old, b.oldLo, b.oldHi), lastLine(new, b.newLo, b.newHi)
		if !bytes.Equal(o, n) {
			break
		}
		b.oldHi -= len(o)
		b.newHi -= len(n)
	}
}

// atLineStart reports whether offset i of t starts a line.
func atLineStart(t []byte, i int) bool { return i == 0 || t[i-1] == '\n' }

// lineStart returns the start of the line that holds offset i of t.
func lineStart(t []byte, i int) int { return bytes.LastIndexByte(t[:i], '\n') + 1 }

// lineEnd returns the end of the line that holds offset i of t, after its
// newline; len(t) for the last line.
func lineEnd(t []byte, i int) int {
	if k := bytes.IndexByte(t[i:], '\n'); k >= 0 {
		return i + k + 1
	}
	return len(t)
}

// firstLine returns the first line of t[lo:hi], lo < hi.
func firstLine(t []byte, lo, hi int) []byte {
	if k := bytes.IndexByte(t[lo:hi], '\n'); k >= 0 {
		return t[lo : lo+k+1]
	}
	return t[lo:hi]
}

// lastLine returns the last line of t[lo:hi], lo < hi.
func lastLine(t []byte, lo, hi int) []byte {
	return t[lo+bytes.LastIndexByte(t[lo:hi-1], '\n')+1 : hi]
}

// countLines returns the number of lines in t[lo:hi]: a last one without
// a newline counts.
func countLines(t []byte, lo, hi int) int {
	n := bytes.Count(t[lo:hi], []byte{'\n'})
	if hi > lo && t[hi-1] != '\n' {
		n++
	}
	return n
}
