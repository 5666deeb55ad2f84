package unidiff

import (
	"bufio"
	"bytes"
	"io"
	"runtime"
	"strconv"

	"github.com/falcomitre/falcomitre/internal/par"
)

const noNewline = "\n\\ No newline at end of file\n"

// Write writes the unified diff of old and new, labelled from and to, to
// w; nothing when the texts are equal. changes are what the edits that
// made new from old changed; Write checks that they describe the two
// texts.
//
// A large diff is made in pieces, on every core, and written in order:
// the diff of a fix of 100k rules has 50k hunks.
func Write(w io.Writer, from, to string, old, new []byte, changes []Change) error {
	if err := checkChanges(old, new, changes); err != nil {
		return err
	}
	if bytes.Equal(old, new) {
		// Edits that undo one another: an empty line added above and
		// taken away below is still no change.
		return nil
	}
	ps := pieces(old, changes)
	// Lines before each piece: counted piece by piece, then summed.
	par.Ranges(len(ps), 1, func(_, lo, _ int) {
		p := &ps[lo]
		if lo+1 < len(ps) {
			next := &ps[lo+1]
			p.oldLines = bytes.Count(old[p.oldAt:next.oldAt], []byte{'\n'})
			p.newLines = bytes.Count(new[p.newAt:next.newAt], []byte{'\n'})
		}
	})
	oldLine, newLine := 0, 0
	for i := range ps {
		ps[i].oldLine, ps[i].newLine = oldLine, newLine
		oldLine += ps[i].oldLines
		newLine += ps[i].newLines
	}
	// Pieces are diffed a turn at a time, one on each core, and written
	// in order: the diff is never all in memory.
	bw := bufio.NewWriterSize(w, 64<<10)
	header := false
	cores := min(runtime.GOMAXPROCS(0), len(ps))
	bufs := make([]bytes.Buffer, cores)
	ws := make([]*bufio.Writer, cores)
	for turn := 0; turn < len(ps); turn += cores {
		group := ps[turn:min(turn+cores, len(ps))]
		par.Ranges(len(group), 1, func(_, k, _ int) {
			p := &group[k]
			bufs[k].Reset()
			if ws[k] == nil {
				ws[k] = bufio.NewWriterSize(&bufs[k], 64<<10)
			}
			hs := hunks(old, new, blocks(old, new, p.changes), p.start(), contextLines)
			for i := range hs {
				writeHunk(ws[k], old, new, &hs[i])
			}
			ws[k].Flush()
		})
		for k := range group {
			if bufs[k].Len() == 0 {
				continue
			}
			if !header {
				bw.WriteString("--- " + from + "\n+++ " + to + "\n")
				header = true
			}
			bw.Write(bufs[k].Bytes())
		}
	}
	return bw.Flush()
}

// writeHunk writes one hunk, its header and its lines.
func writeHunk(bw *bufio.Writer, old, new []byte, h *hunk) {
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
