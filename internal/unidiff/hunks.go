package unidiff

import "github.com/aymanbagabas/go-udiff/lcs"

// kind is what a span of lines does in a hunk.
type kind uint8

const (
	del   kind = iota // lines of the old text, removed
	ins               // lines of the new text, added
	equal             // lines of the old text, kept as context
)

// span is lines [lo, hi) of the old text (del, equal) or the new (ins).
type span struct {
	kind   kind
	lo, hi int
}

// hunk is go-udiff's hunk with runs of lines instead of one entry per
// line, so that a hunk of a million lines is a handful of spans.
type hunk struct {
	fromLine, toLine int // 1-based, as printed
	spans            []span
}

// hunks groups the line diffs into hunks with context lines of context.
// It is go-udiff's toUnified on line numbers. The edits go-udiff's Lines
// gives toUnified are the LCS diffs as byte offsets of whole lines, which
// its lineEdits leaves as they are (two diffs always have a common line
// between them, and only a diff reaching the end of both texts can end
// without a newline), so an edit's first and last line are the diff's.
// Its quirks are kept: the new line number does not count the lines
// between edits merged into one hunk.
func hunks(nold int, diffs []lcs.Diff, context int) []hunk {
	gap := context * 2
	var hs []hunk
	var h *hunk
	last, toLine := 0, 0
	for _, d := range diffs {
		start, end := d.Start, d.End
		switch {
		case h != nil && start == last:
			// direct extension
		case h != nil && start <= last+gap:
			h.addEqual(nold, last, start)
		default:
			if h != nil {
				h.addEqual(nold, last, last+context)
				hs = append(hs, *h)
			}
			toLine += start - last
			h = &hunk{fromLine: start + 1, toLine: toLine + 1}
			n := h.addEqual(nold, start-context, start)
			h.fromLine -= n
			h.toLine -= n
		}
		last = start
		if end > start {
			h.spans = append(h.spans, span{del, start, end})
			last = end
		}
		if d.ReplEnd > d.ReplStart {
			h.spans = append(h.spans, span{ins, d.ReplStart, d.ReplEnd})
			toLine += d.ReplEnd - d.ReplStart
		}
	}
	if h != nil {
		h.addEqual(nold, last, last+context)
		hs = append(hs, *h)
	}
	return hs
}

// addEqual adds old lines [lo, hi) that exist as context and returns how
// many it added, as go-udiff's addEqualLines.
func (h *hunk) addEqual(nold, lo, hi int) int {
	lo, hi = max(lo, 0), min(hi, nold)
	if lo >= hi {
		return 0
	}
	h.spans = append(h.spans, span{equal, lo, hi})
	return hi - lo
}

// counts returns the number of old and new lines the hunk covers.
func (h *hunk) counts() (from, to int) {
	for _, s := range h.spans {
		n := s.hi - s.lo
		switch s.kind {
		case del:
			from += n
		case ins:
			to += n
		default:
			from += n
			to += n
		}
	}
	return from, to
}
