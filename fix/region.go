package fix

import (
	"bytes"

	"github.com/falcomitre/falcomitre/rules"
)

// region is the part of a file that holds one tags list Falco reads: the
// only bytes a fix may change. A flow list's region runs from "[" past
// "]". A block list's runs from the start of its first dash's line to the
// end of its last tag's line, widened over the blank and comment lines
// around it, so that a comment left behind by a removed tag stays inside.
type region struct {
	start, end int
	// opaque regions (anchored lists, layouts the builders refuse) must
	// stay byte for byte; in the others only the tags may change.
	opaque bool
	// tags are the byte spans of the list's elements.
	tags [][2]int
}

// regions returns the regions of f's items, in item order. Their tags
// share one array: a slice each was a third of Verify's time at 100k
// rules.
func regions(f *rules.File) []region {
	n, spans := 0, 0
	for _, it := range f.Items {
		if it.TagsSeq != nil {
			n++
			spans += min(len(it.TagsSeq.Elems), len(it.Tags))
		}
	}
	out := make([]region, 0, n)
	tags := make([][2]int, 0, spans)
	for _, it := range f.Items {
		if it.TagsSeq == nil {
			continue
		}
		var r region
		r, tags = regionOf(f.Src, it, tags)
		out = append(out, r)
	}
	return out
}

// regionOf returns it's region, its tags appended to spans.
func regionOf(src []byte, it *rules.Item, spans [][2]int) (region, [][2]int) {
	seq := it.TagsSeq
	r := region{start: seq.Range.Start.Offset, end: seq.Range.End.Offset, opaque: seq.Anchored}
	from := len(spans)
	for i, e := range seq.Elems {
		r.opaque = r.opaque || e.Anchored
		if i < len(it.Tags) {
			spans = append(spans, [2]int{e.Start, it.Tags[i].Range.End.Offset})
		}
	}
	r.tags = spans[from:len(spans):len(spans)]
	return r.widen(src, seq), spans
}

// widen stretches a block list's region over whole lines and the blank
// and comment lines around it.
func (r region) widen(src []byte, seq *rules.Seq) region {
	if seq.Flow || len(seq.Elems) == 0 || r.opaque {
		return r
	}
	for _, e := range seq.Elems {
		if e.LineStart < 0 || !allBlank(src[e.LineStart:e.Dash]) {
			r.opaque = true // a layout the builders refuse
			return r
		}
	}
	first := seq.Elems[0]
	if len(r.tags) != len(seq.Elems) {
		r.opaque = true
		return r
	}
	r.start = first.LineStart
	for r.start > 0 {
		brk := 1
		if src[r.start-1] == '\n' && r.start >= 2 && src[r.start-2] == '\r' {
			brk = 2
		}
		ls := lineStart(src, r.start-brk)
		if !isCommentOrBlankLine(src, ls, r.start-brk) {
			break
		}
		r.start = ls
	}
	r.end = nextLine(src, lineEnd(src, r.tags[len(r.tags)-1][1]))
	for r.end < len(src) && isCommentOrBlankLine(src, r.end, lineEnd(src, r.end)) {
		r.end = nextLine(src, lineEnd(src, r.end))
	}
	return r
}

// nextLine returns the offset after the line break at i (i itself at the
// end of the file).
func nextLine(src []byte, i int) int { return i + lineBreak(src, i) }

// comments returns the text of the comments in r outside its tags, in
// order, trailing blanks cut.
func (r region) comments(src []byte) [][]byte {
	var out [][]byte
	at := r.start
	gap := func(to int) {
		for i := at; i < to; i++ {
			if src[i] == '#' {
				e := min(lineEnd(src, i), to)
				out = append(out, bytes.TrimRight(src[i:e], " \t"))
				i = e
			}
		}
	}
	for _, t := range r.tags {
		if t[0] < at || t[1] > r.end || t[0] > t[1] {
			continue // a malformed span; the byte comparison decides
		}
		gap(t[0])
		at = t[1]
	}
	gap(r.end)
	return out
}
