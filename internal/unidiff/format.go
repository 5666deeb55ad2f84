package unidiff

import (
	"bufio"
	"bytes"
	"io"
	"strconv"
)

const noNewline = "\n\\ No newline at end of file\n"

// Write writes the unified diff of old and new, labelled from and to, to
// w; nothing when the texts are equal. changes are what the edits that
// made new from old changed; Write checks that they describe the two
// texts.
func Write(w io.Writer, from, to string, old, new []byte, changes []Change) error {
	if err := checkChanges(old, new, changes); err != nil {
		return err
	}
	if bytes.Equal(old, new) {
		// Edits that undo one another: an empty line added above and
		// taken away below is still no change.
		return nil
	}
	hs := hunks(old, new, blocks(old, new, changes), contextLines)
	if len(hs) == 0 {
		return nil
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("--- ")
	bw.WriteString(from)
	bw.WriteString("\n+++ ")
	bw.WriteString(to)
	bw.WriteString("\n")
	for i := range hs {
		h := &hs[i]
		fromCount, toCount := h.counts()
		bw.WriteString("@@")
		writeRange(bw, " -", h.fromLine, fromCount)
		writeRange(bw, " +", h.toLine, toCount)
		bw.WriteString(" @@\n")
		for _, s := range h.spans {
			prefix, t := byte(' '), old
			switch s.kind {
			case del:
				prefix = '-'
			case ins:
				prefix, t = '+', new
			}
			writeLines(bw, prefix, t[s.lo:s.hi])
		}
	}
	return bw.Flush()
}

// writeLines writes each line of t after prefix.
func writeLines(w *bufio.Writer, prefix byte, t []byte) {
	for len(t) > 0 {
		w.WriteByte(prefix)
		k := bytes.IndexByte(t, '\n')
		if k < 0 {
			w.Write(t)
			w.WriteString(noNewline)
			return
		}
		w.Write(t[:k+1])
		t = t[k+1:]
	}
}

// writeRange writes one side of a hunk header: the count is left out when
// it is 1, and an empty side gives the line before it, as diff -u does.
func writeRange(w *bufio.Writer, sign string, line, count int) {
	w.WriteString(sign)
	if count == 0 {
		line--
	}
	w.WriteString(strconv.Itoa(line))
	if count != 1 {
		w.WriteByte(',')
		w.WriteString(strconv.Itoa(count))
	}
}
