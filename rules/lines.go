package rules

import (
	"bytes"
	"runtime"
	"sort"
	"sync"
	"unicode/utf8"

	"github.com/falcomitre/falcomitre/diag"
)

// lineTable converts between byte offsets and the line and column marks
// yaml.v3 puts on nodes. It counts lines and columns the way yaml.v3 does,
// so that a node's mark converts back to the byte where its text starts:
// columns are code points, a leading UTF-8 BOM is not part of line 1, and
// CR LF, CR, LF, NEL, LS and PS all end a line (YAML 1.2 §5.4, as libyaml
// implements it).
type lineTable struct {
	src    []byte
	starts []int // byte offset of the first byte of each line

	// The last conversion, from which the next one on the same line
	// continues: nodes come in source order, and counting every column
	// from the start of the line would be quadratic in a file written on
	// one line (JSON, say).
	last struct{ line, col, off int }
}

func newLineTable(src []byte) *lineTable {
	t := &lineTable{src: src}
	first := 0
	if hasBOM(src) {
		first = len(utf8BOM)
	}
	lf := onlyLF(src)
	if lf && len(src) >= linesPiecesMin {
		t.starts = lfStartsInPieces(src, first)
		return t
	}
	// Sized for LF line ends, the common case, so the slice never grows.
	t.starts = append(make([]int, 0, bytes.Count(src, []byte{'\n'})+1), first)
	if lf {
		t.starts = appendLFStarts(t.starts, src, first, len(src))
		return t
	}
	for i := first; i < len(src); {
		if n := breakLen(src, i); n > 0 {
			i += n
			t.starts = append(t.starts, i)
			continue
		}
		i++
	}
	return t
}

// appendLFStarts appends the start of each line that begins after an LF
// in src[from:to]. bytes.IndexByte is vectorised: for the falcosecurity
// files this takes 58 µs against 688 µs testing every byte with breakLen.
func appendLFStarts(starts []int, src []byte, from, to int) []int {
	for i := from; ; {
		k := bytes.IndexByte(src[i:to], '\n')
		if k < 0 {
			return starts
		}
		i += k + 1
		starts = append(starts, i)
	}
}

// linesPiecesMin is the size from which the lines of a file are found in
// a piece per core: it is the start of a load, and 33 MB took 60 ms on
// one core, most of it the fresh pages of the table.
const linesPiecesMin = 4 << 20

// lfStartsInPieces returns the line starts of src, whose first line starts
// at first: each core counts the LFs of its piece, then writes their
// starts into its part of the table.
func lfStartsInPieces(src []byte, first int) []int {
	k := runtime.GOMAXPROCS(0)
	size := (len(src) - first + k - 1) / k
	bounds := make([]int, 0, k+1)
	for lo := first; lo < len(src); lo += size {
		bounds = append(bounds, lo)
	}
	bounds = append(bounds, len(src))
	counts := make([]int, len(bounds)) // counts[i+1]: LFs before piece i+1
	var wg sync.WaitGroup
	for i := range len(bounds) - 1 {
		wg.Go(func() { counts[i+1] = bytes.Count(src[bounds[i]:bounds[i+1]], []byte{'\n'}) })
	}
	wg.Wait()
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	starts := make([]int, 1+counts[len(counts)-1])
	starts[0] = first
	for i := range len(bounds) - 1 {
		wg.Go(func() { appendLFStarts(starts[1+counts[i]:1+counts[i]:1+counts[i+1]], src, bounds[i], bounds[i+1]) })
	}
	wg.Wait()
	return starts
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// onlyLF reports whether LF is the only line break in src: no CR, NEL, LS
// or PS.
func onlyLF(src []byte) bool {
	return bytes.IndexByte(src, '\r') < 0 && !bytes.Contains(src, []byte("\u0085")) &&
		!bytes.Contains(src, []byte("\u2028")) && !bytes.Contains(src, []byte("\u2029"))
}

func hasBOM(src []byte) bool {
	return len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF
}

// breakLen returns the length of the line break at src[i], 0 if none.
func breakLen(src []byte, i int) int {
	switch c := src[i]; {
	case c == '\n':
		return 1
	case c == '\r':
		if i+1 < len(src) && src[i+1] == '\n' {
			return 2
		}
		return 1
	case c == 0xC2 && i+1 < len(src) && src[i+1] == 0x85: // NEL
		return 2
	case c == 0xE2 && i+2 < len(src) && src[i+1] == 0x80 && (src[i+2] == 0xA8 || src[i+2] == 0xA9): // LS, PS
		return 3
	}
	return 0
}

// clone returns a table over the same lines with its own cache of the last
// conversion, for use on another goroutine.
func (t *lineTable) clone() *lineTable {
	return &lineTable{src: t.src, starts: t.starts}
}

// offset converts a yaml.v3 mark (1-based line and code-point column) to a
// byte offset, clamped to the line it names and to the source.
func (t *lineTable) offset(line, col int) int {
	if line < 1 {
		return t.starts[0]
	}
	if line > len(t.starts) {
		return len(t.src)
	}
	i, c := t.starts[line-1], 1
	if t.last.line == line && t.last.col <= col {
		i, c = t.last.off, t.last.col
	}
	for ; c < col && i < len(t.src); c++ {
		if breakLen(t.src, i) > 0 {
			break
		}
		_, n := utf8.DecodeRune(t.src[i:])
		i += n
	}
	t.last.line, t.last.col, t.last.off = line, c, i
	return i
}

// pos converts a byte offset to a position.
func (t *lineTable) pos(off int) diag.Pos {
	off = max(0, min(off, len(t.src)))
	line := -1
	// Offsets come in source order, mostly on the line of the last one
	// or a few lines on: look there before searching a million lines.
	if l := t.last.line - 1; l >= 0 && t.starts[l] <= off {
		for k := l; k < l+4 && k < len(t.starts); k++ {
			if k+1 == len(t.starts) || t.starts[k+1] > off {
				line = k
				break
			}
		}
	}
	if line < 0 {
		line = sort.Search(len(t.starts), func(i int) bool { return t.starts[i] > off }) - 1
	}
	if line < 0 { // inside the BOM
		return diag.Pos{Line: 1, Column: 1, Offset: off}
	}
	from, col := t.starts[line], 1
	if t.last.line == line+1 && t.last.off <= off {
		from, col = t.last.off, t.last.col
	}
	col += utf8.RuneCount(t.src[from:off])
	t.last.line, t.last.col, t.last.off = line+1, col, off
	return diag.Pos{Line: line + 1, Column: col, Offset: off}
}
