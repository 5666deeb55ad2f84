package unidiff

// contextLines is diff -u's: three lines of context around each change.
const contextLines = 3

// kind is what a span of lines does in a hunk.
type kind uint8

const (
	equal kind = iota // lines of the old text, kept as context
	del               // lines of the old text, removed
	ins               // lines of the new text, added
)

// span is the lines t[lo:hi] of the old text (equal, del) or the new
// (ins); n counts them.
type span struct {
	kind   kind
	lo, hi int
	n      int
}

// hunk is one "@@" section: its first line in each text, 1-based, and its
// spans.
type hunk struct {
	fromLine, toLine int
	spans            []span
}

// origin is where hunks starts: offsets of the two texts before any
// block, and the lines before them.
type origin struct{ oldAt, newAt, oldLine, newLine int }

// hunks groups blocks into hunks with context lines of context around
// each: two blocks at most 2*context lines apart share a hunk, the lines
// between them its context.
func hunks(old, new []byte, bs []block, o origin, context int) []hunk {
	var hs []hunk
	var h *hunk
	// Lines before offset at of old and before the block's start in each
	// text, counted as the blocks go by.
	at, oldLine, newLine := o.oldAt, o.oldLine, o.newLine
	for _, b := range bs {
		// The texts hold the same lines between blocks.
		gap := countLines(old, at, b.oldLo)
		oldLine += gap
		newLine += gap
		if h != nil && gap <= 2*context {
			h.add(equal, at, b.oldLo, gap)
		} else {
			if h != nil {
				h.addAfter(old, at, context)
				hs = append(hs, *h)
			}
			lo, n := linesBefore(old, b.oldLo, min(context, oldLine))
			h = &hunk{fromLine: oldLine - n + 1, toLine: newLine - n + 1}
			h.add(equal, lo, b.oldLo, n)
		}
		dels, adds := countLines(old, b.oldLo, b.oldHi), countLines(new, b.newLo, b.newHi)
		h.add(del, b.oldLo, b.oldHi, dels)
		h.add(ins, b.newLo, b.newHi, adds)
		oldLine += dels
		newLine += adds
		at = b.oldHi
	}
	if h != nil {
		h.addAfter(old, at, context)
		hs = append(hs, *h)
	}
	return hs
}

// add appends a span of n lines, if any.
func (h *hunk) add(k kind, lo, hi, n int) {
	if n > 0 {
		h.spans = append(h.spans, span{k, lo, hi, n})
	}
}

// addAfter appends as context up to n lines of old from offset at.
func (h *hunk) addAfter(old []byte, at, n int) {
	hi, k := at, 0
	for ; k < n && hi < len(old); k++ {
		hi = lineEnd(old, hi)
	}
	h.add(equal, at, hi, k)
}

// linesBefore returns the start of the n lines of t that end at offset
// at, a line's start, and n.
func linesBefore(t []byte, at, n int) (int, int) {
	lo := at
	for range n {
		lo = lineStart(t, lo-1)
	}
	return lo, n
}

// counts returns the number of old and new lines the hunk covers.
func (h *hunk) counts() (from, to int) {
	for _, s := range h.spans {
		switch s.kind {
		case del:
			from += s.n
		case ins:
			to += s.n
		default:
			from += s.n
			to += s.n
		}
	}
	return from, to
}
