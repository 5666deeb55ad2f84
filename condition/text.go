package condition

import (
	"sort"
	"strings"

	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/rules"
)

// Text is a condition as Falco's parser receives it, with what is needed
// to map any byte of it back to where it was written.
//
// Falco builds the text in two steps: the collector joins a rule's or
// macro's condition with its appends ("old new", spec §3), and the
// compiler wraps it with the exceptions and then replaces list names by
// their items (resolve_list). Raw is the text after the first step and
// the exceptions; S the text parsed. A position in S maps to Raw through
// orig (a substituted list maps to the list name it replaced), then to
// the scalar that wrote it.
type Text struct {
	S   string
	Raw string
	// spans map S to Raw; nil while S == Raw.
	spans  []span
	pieces []piece
}

// span maps S[s:] up to the next span to Raw: byte s+k is Raw[raw+k],
// or Raw[raw] for every byte of a fixed span (a substituted list, which
// maps to the name it replaced).
type span struct {
	s, raw int
	fixed  bool
}

// piece is a run of Raw written by one scalar, or added by Falco (the
// space joining an append, the exception clauses): then at is nil and
// the piece points at fallback.
type piece struct {
	off      int // start in Raw
	at       *rules.Scalar
	item     *rules.Item
	fallback diag.Range
}

// textBuilder assembles a Raw text piece by piece.
type textBuilder struct {
	b      strings.Builder
	pieces []piece
	// first is the text while it is one string, not yet copied to b:
	// most texts are one condition, which then is the text.
	first string
	size  int // the room grow asked for
}

// write appends s to the text.
func (tb *textBuilder) write(s string) {
	switch {
	case tb.first == "" && tb.b.Len() == 0:
		tb.first = s
		return
	case tb.first != "":
		tb.b.Grow(max(tb.size, len(tb.first)+len(s)))
		tb.b.WriteString(tb.first)
		tb.first = ""
	}
	tb.b.WriteString(s)
}

// len is the length of the text so far.
func (tb *textBuilder) len() int { return len(tb.first) + tb.b.Len() }

// grow makes room for the conditions of items joined by spaces: one
// allocation each for the text and its pieces, unless exceptions follow.
func (tb *textBuilder) grow(items []*rules.Item) {
	if len(items) == 0 {
		return
	}
	n := len(items) - 1
	for _, it := range items {
		n += len(it.Condition)
	}
	tb.size = n
	if k := 2*len(items) - 1; cap(tb.pieces) < k {
		tb.pieces = make([]piece, 0, k)
	}
}

// condition appends the condition of it.
func (tb *textBuilder) condition(it *rules.Item) {
	tb.pieces = append(tb.pieces, piece{off: tb.len(), at: it.ConditionAt, item: it, fallback: it.Range})
	tb.write(it.Condition)
}

// synthetic appends text Falco adds, pointing at r.
func (tb *textBuilder) synthetic(s string, it *rules.Item, r diag.Range) {
	if s == "" {
		return
	}
	tb.pieces = append(tb.pieces, piece{off: tb.len(), item: it, fallback: r})
	tb.write(s)
}

func (tb *textBuilder) text() *Text { return tb.into(new(Text)) }

// into makes t the text built and returns it.
func (tb *textBuilder) into(t *Text) *Text {
	raw := tb.first
	if raw == "" {
		raw = tb.b.String()
	}
	*t = Text{S: raw, Raw: raw, pieces: tb.pieces}
	return t
}

// rawOffset maps an offset of S to one of Raw.
func (t *Text) rawOffset(off int) int {
	off = max(0, min(off, len(t.S)))
	if t.spans == nil {
		return min(off, len(t.Raw))
	}
	k := sort.Search(len(t.spans), func(i int) bool { return t.spans[i].s > off }) - 1
	sp := t.spans[max(k, 0)]
	if sp.fixed {
		return sp.raw
	}
	return min(sp.raw+off-sp.s, len(t.Raw))
}

// pieceAt returns the piece holding byte off of Raw.
func (t *Text) pieceAt(off int) (piece, bool) {
	if len(t.pieces) == 0 {
		return piece{}, false
	}
	k := sort.Search(len(t.pieces), func(i int) bool { return t.pieces[i].off > off }) - 1
	if k < 0 {
		k = 0
	}
	return t.pieces[k], true
}

// Range returns where byte off of S was written, as an empty range. A
// byte of a substituted list maps to the list name it replaced; a byte
// Falco added maps to the item it belongs to.
func (t *Text) Range(off int) diag.Range {
	if t == nil {
		return diag.Range{}
	}
	raw := t.rawOffset(off)
	pc, ok := t.pieceAt(raw)
	if !ok {
		return diag.Range{}
	}
	if pc.at == nil {
		r := pc.fallback
		r.End = r.Start
		return r
	}
	pos := pc.at.Pos(raw - pc.off)
	return diag.Range{File: pc.at.Range.File, Start: pos, End: pos}
}

// Item returns the item that wrote byte off of S.
func (t *Text) Item(off int) *rules.Item {
	if t == nil {
		return nil
	}
	pc, _ := t.pieceAt(t.rawOffset(off))
	return pc.item
}
