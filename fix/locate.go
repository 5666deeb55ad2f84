package fix

import (
	"errors"

	"github.com/falcomitre/falcomitre/rules"
)

// Reasons a builder gives for refusing a tag; a check puts them on its
// finding (diag.Diagnostic.Unfixable) so that the user learns why.
var (
	errNotRead  = errors.New("the tag is not in a tags list Falco reads, so falcomitre does not edit it")
	errAnchored = errors.New("the tags list is built with a YAML anchor or alias, which other items share; edit it by hand")
	errBlockStr = errors.New("the tag is a block scalar (| or >); edit it by hand")
	errLayout   = errors.New("the tags list is laid out in a way falcomitre does not edit (an element on another line than its dash, a comment before a comma); edit it by hand")
	errLast     = errors.New("removing the only tag of a block list would leave `tags` empty, which Falco rejects; edit it by hand")
)

// loc is a tag located in its file, checked to be editable.
type loc struct {
	path string
	src  []byte
	seq  *rules.Seq
	tags []rules.Tag // the item's tags, parallel to seq.Elems
	i    int         // the tag's index
	el   rules.Elem
	tag  rules.Tag
	// start and end are the tag's bytes: start includes a YAML tag
	// property (!!str), end is past the closing quote.
	start, end int
}

// locate finds t in its file and refuses the tags a byte patch cannot
// safely change: those not read by Falco, those written through anchors
// or aliases (an edit would change every item that shares them), block
// scalars, and ranges that do not match the source. The loc is returned
// by value: it stays on the caller's stack, where a pointer put 250 bytes
// on the heap for each of a large run's fixes.
func locate(t rules.Tag) (loc, error) {
	it := t.Item
	if it == nil || it.File == nil || it.TagsSeq == nil || t.Index < 0 || t.Index >= len(it.TagsSeq.Elems) ||
		t.Index >= len(it.Tags) || it.Tags[t.Index].Range != t.Range {
		return loc{}, errNotRead
	}
	seq := it.TagsSeq
	if seq.Anchored {
		return loc{}, errAnchored
	}
	for _, e := range seq.Elems {
		// One anchored element makes the list's layout depend on
		// another item's bytes; leave the whole list alone.
		if e.Anchored {
			return loc{}, errAnchored
		}
	}
	l := loc{
		path: it.File.Path, src: it.File.Src, seq: seq, tags: it.Tags, i: t.Index,
		el: seq.Elems[t.Index], tag: t, start: seq.Elems[t.Index].Start, end: t.Range.End.Offset,
	}
	s := t.Range.Start.Offset
	if l.start < 0 || l.start > s || s >= l.end || l.end > len(l.src) {
		return loc{}, errLayout
	}
	switch c := l.src[s]; {
	case c == '|' || c == '>':
		return loc{}, errBlockStr
	case t.Quoted != 0 && (c != t.Quoted || l.src[l.end-1] != t.Quoted):
		return loc{}, errLayout
	}
	if !seq.Flow {
		// Verify holds a block list with one odd element byte for byte
		// (see regionOf), so its other elements are left alone too.
		for _, e := range seq.Elems {
			if e.Dash < 0 || !allBlank(l.src[e.LineStart:e.Dash]) {
				return loc{}, errLayout
			}
		}
	}
	return l, nil
}
