package unidiff

import (
	"bufio"
	"bytes"
	"io"
	"strings"
	"unsafe"

	"github.com/aymanbagabas/go-udiff/lcs"
)

// contextLines is go-udiff's DefaultContextLines.
const contextLines = 3

// splitApart is the size from which Write splits the two texts into
// lines at once.
const splitApart = 1 << 20

// Unified returns the unified diff of old and new, labelled oldLabel and
// newLabel, or "" when they are equal: the same bytes as go-udiff's
// udiff.Unified(oldLabel, newLabel, old, new).
func Unified(oldLabel, newLabel, old, new string) string {
	if old == new {
		return "" // the LCS finds no diffs
	}
	a, b := splitLines(old), splitLines(new)
	hs := hunks(len(a), lcs.DiffLines(a, b), contextLines)
	if len(hs) == 0 {
		return ""
	}
	var sb strings.Builder
	sb.Grow(size(oldLabel, newLabel, a, b, hs))
	format(&sb, oldLabel, newLabel, a, b, hs)
	return sb.String()
}

// Write writes to w what Unified returns for old and new, without
// holding the texts as strings or the diff in memory: for a 33 MB file
// those are 120 MB of copies.
func Write(w io.Writer, oldLabel, newLabel string, old, new []byte) error {
	if bytes.Equal(old, new) {
		return nil
	}
	// The lines share the bytes; none of them outlives the call. Each
	// side is split on a core of its own when large: 60 ms for a 33 MB
	// file, with nothing else left to run.
	var a, b []string
	if len(old) >= splitApart {
		done := make(chan struct{})
		go func() {
			a = splitLines(view(old))
			close(done)
		}()
		b = splitLines(view(new))
		<-done
	} else {
		a, b = splitLines(view(old)), splitLines(view(new))
	}
	hs := hunks(len(a), lcs.DiffLines(a, b), contextLines)
	if len(hs) == 0 {
		return nil
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	format(bw, oldLabel, newLabel, a, b, hs)
	return bw.Flush()
}

func view(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
