package unidiff

import (
	"strconv"
	"strings"
)

const noNewline = "\n\\ No newline at end of file\n"

// writer is what format writes to: a strings.Builder or a bufio.Writer,
// whose write errors it keeps until Flush.
type writer interface {
	WriteString(string) (int, error)
	WriteByte(byte) error
}

// format prints the hunks as go-udiff's unified.String does.
func format(b writer, from, to string, old, new []string, hs []hunk) {
	b.WriteString("--- ")
	b.WriteString(from)
	b.WriteString("\n+++ ")
	b.WriteString(to)
	b.WriteString("\n")
	for i := range hs {
		h := &hs[i]
		fromCount, toCount := h.counts()
		b.WriteString("@@")
		writeRange(b, " -", h.fromLine, fromCount)
		writeRange(b, " +", h.toLine, toCount)
		b.WriteString(" @@\n")
		for _, s := range h.spans {
			prefix, lines := byte(' '), old
			switch s.kind {
			case del:
				prefix = '-'
			case ins:
				prefix, lines = '+', new
			}
			for _, l := range lines[s.lo:s.hi] {
				b.WriteByte(prefix)
				b.WriteString(l)
				if !strings.HasSuffix(l, "\n") {
					b.WriteString(noNewline)
				}
			}
		}
	}
}

// writeRange writes one side of a hunk header, with GNU diff's "0,0" for
// an empty side at the start of the file, as go-udiff does.
func writeRange(b writer, sign string, line, count int) {
	b.WriteString(sign)
	switch {
	case count > 1:
		b.WriteString(strconv.Itoa(line))
		b.WriteByte(',')
		b.WriteString(strconv.Itoa(count))
	case line == 1 && count == 0:
		b.WriteString("0,0")
	default:
		b.WriteString(strconv.Itoa(line))
	}
}

// size is the length of format's output, so that it is built in one
// allocation: the diff of a large file is tens of megabytes.
func size(from, to string, old, new []string, hs []hunk) int {
	n := len("--- \n+++ \n") + len(from) + len(to)
	for i := range hs {
		n += len("@@ -,  +, @@\n") + 4*20 // at most four numbers
		for _, s := range hs[i].spans {
			lines := old
			if s.kind == ins {
				lines = new
			}
			for _, l := range lines[s.lo:s.hi] {
				n += 1 + len(l)
			}
			if s.hi > s.lo && !strings.HasSuffix(lines[s.hi-1], "\n") {
				n += len(noNewline)
			}
		}
	}
	return n
}
