package rules

import (
	"bytes"
	"sort"
	"sync/atomic"

	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/internal/par"
)

// Reparse returns what Parse(old.Path, src) returns, when src is old.Src
// with edits applied: in order, apart, in old.Src's offsets. A fix
// changes a few bytes of a large file here and there; the items it does
// not touch are the same items, only further up or down. Reparse reads
// again from src only the items an edit touches (or ends at), as chunks
// of a large file are read (chunks.go), and moves the others: their
// offsets and lines shift, nothing else.
//
// old is given up: its items become the result's, and must have no other
// user. When the shortcut does not hold (a file read whole, or not only
// by fastDecode, with warnings, or with an item not written as "- key" in
// column 1; an edit before the first item) Reparse is Parse.
func Reparse(old *File, src []byte, edits []diag.Edit) *File {
	return reparse(old, src, edits, chunkMinFile, chunkSize)
}

// reparse is Reparse with the chunk sizes of parse; tests make them small.
func reparse(old *File, src []byte, edits []diag.Edit, minFile, size int) *File {
	if f := moved(old, src, edits, minFile, size); f != nil {
		return f
	}
	return parse(old.Path, src, minFile, size, nil)
}

// Reparsable reports whether Reparse may move f's items: f was read in
// chunks, each by fastDecode, with no error or warning. An edit can still
// make it parse the edited file whole.
func (f *File) Reparsable() bool {
	return f.Err == nil && len(f.Warnings) == 0 && f.fast && len(f.Items) > 0
}

// moved is the shortcut of Reparse, nil when it does not hold. It changes
// nothing of old until it knows it holds.
func moved(old *File, src []byte, edits []diag.Edit, minFile, size int) *File {
	if !old.Reparsable() || len(src) < minFile || !lead(old.Src, src, edits) || startsDocument(src, edits) {
		return nil
	}
	starts, ok := itemStarts(old)
	if !ok || len(edits) > 0 && edits[0].Offset < starts[0] {
		return nil
	}
	n := len(old.Items)
	// shift[i] is how far item i moves, where its line starts.
	shift := make([]int, n+1)
	dirty := make([]bool, n)
	k, d := 0, 0
	for i := range n + 1 {
		for k < len(edits) && edits[k].Offset < starts[i] {
			d += len(edits[k].Text) - edits[k].Length
			k++
		}
		shift[i] = d
	}
	// An edit dirties every item whose bytes, ends included, it touches.
	i := 0
	for _, e := range edits {
		for i < n && starts[i+1] < e.Offset {
			i++
		}
		for j := i; j < n && starts[j] <= e.End(); j++ {
			dirty[j] = true
		}
	}
	// Runs of dirty items, each read again as one chunk of src.
	type run struct {
		lo, hi int // items
		res    chunkResult
	}
	var runs []run
	for i := 0; i < n; i++ {
		if dirty[i] {
			j := i
			for j < n && dirty[j] {
				j++
			}
			runs = append(runs, run{lo: i, hi: j})
			i = j
		}
	}
	f := &File{Path: old.Path, Src: src, fast: true}
	p := &parser{f: f, lines: newLineTable(src)}
	par.Ranges(len(runs), 64, func(_, lo, hi int) {
		var a nodeArena
		for r := lo; r < hi; r++ {
			ru := &runs[r]
			ru.res = p.chunk(starts[ru.lo]+shift[ru.lo], starts[ru.hi]+shift[ru.hi], &a)
		}
	})
	more := 0
	for _, ru := range runs {
		if r := ru.res; r.whole || r.slow || r.err != nil || len(r.warnings) > 0 {
			return nil
		}
		more += len(ru.res.items) - (ru.hi - ru.lo)
	}
	// It holds: move the items left alone, on every core.
	f.Items = make([]*Item, 0, n+more)
	r := 0
	for i := 0; i < n; {
		if r < len(runs) && runs[r].lo == i {
			f.Items = append(f.Items, runs[r].res.items...)
			i = runs[r].hi
			r++
			continue
		}
		f.Items = append(f.Items, old.Items[i])
		i++
	}
	par.Ranges(n, 4096, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			if !dirty[i] {
				it := old.Items[i]
				line := sort.SearchInts(p.lines.starts, starts[i]+shift[i]+1) // 1-based
				dLine := line - it.Range.Start.Line
				it.move(f, shift[i], dLine)
			}
		}
	})
	f.parsed, f.warnings = f.Items, nil
	return f
}

// startsDocument reports whether an edit starts a second YAML document
// ("---" or "..." at a line's start), which Parse reads whole: old, read
// in chunks, had none.
func startsDocument(src []byte, edits []diag.Edit) bool {
	n := 0 // where the edit's text is in src
	d := 0
	for _, e := range edits {
		n = e.Offset + d
		lo, hi := max(0, n-4), min(len(src), n+len(e.Text)+4)
		if bytes.Contains(src[lo:hi], []byte("\n---")) || bytes.Contains(src[lo:hi], []byte("\n...")) {
			return true
		}
		d += len(e.Text) - e.Length
	}
	return false
}

// lead reports whether edits, in order and apart, make src of old.
func lead(old, src []byte, edits []diag.Edit) bool {
	o, n := 0, 0
	for _, e := range edits {
		if e.Offset < o || e.Length < 0 || e.End() > len(old) || n+e.Offset-o+len(e.Text) > len(src) {
			return false
		}
		if !bytes.Equal(old[o:e.Offset], src[n:n+e.Offset-o]) {
			return false
		}
		n += e.Offset - o
		if string(src[n:n+len(e.Text)]) != e.Text {
			return false
		}
		n += len(e.Text)
		o = e.End()
	}
	return bytes.Equal(old[o:], src[n:])
}

// itemStarts returns where the line of each item's "-" starts, and the
// end of the file last; false unless each item starts a line "- key" in
// column 1, as a chunk does.
func itemStarts(f *File) ([]int, bool) {
	starts := make([]int, len(f.Items)+1)
	var bad atomic.Bool
	par.Ranges(len(f.Items), 4096, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			it := f.Items[i]
			at := it.Range.Start.Offset
			s := bytes.LastIndexByte(f.Src[:at], '\n') + 1
			if s+2 > at || f.Src[s] != '-' || f.Src[s+1] != ' ' ||
				len(bytes.TrimLeft(f.Src[s+1:at], " ")) != 0 || !it.movable() {
				bad.Store(true)
				return
			}
			starts[i] = s
		}
	})
	starts[len(f.Items)] = len(f.Src)
	for i := 1; i < len(starts); i++ {
		if starts[i] <= starts[i-1] {
			return nil, false
		}
	}
	return starts, !bad.Load()
}
