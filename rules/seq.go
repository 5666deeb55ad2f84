package rules

import (
	"go.yaml.in/yaml/v3"

	"github.com/falcomitre/falcomitre/diag"
)

// Seq is how a `tags` sequence is written: what the fix patcher needs to
// remove a tag or insert one in the author's own style, without touching
// any other byte of the file.
type Seq struct {
	// Flow is set for [a, b]; a block sequence has one "- a" line per tag.
	Flow bool
	// Range is the sequence: from "[" past "]", or from the first "-" to
	// the end of the last element; for an alias, the alias (*a) itself.
	Range diag.Range
	// Anchored is set when the sequence is an alias (*a) or carries an
	// anchor (&a): its bytes are then the tags of more than one item, and
	// editing them would change items the fix is not about.
	Anchored bool
	// Elems describe the elements, one per tag of Item.Tags, in order.
	Elems []Elem
}

// Elem is how one element of a tags sequence is written.
type Elem struct {
	// Start is the byte offset of the element's first byte, a YAML tag
	// (!!str) included, where its scalar's Range starts after it.
	Start int
	// Dash is the byte offset of the "-" of a block element, -1 in a flow
	// sequence or when the dash is not on the element's line.
	Dash int
	// LineStart is the byte offset of the first byte of Dash's line, -1
	// when Dash is.
	LineStart int
	// Anchored is set when the element is an alias or carries an anchor.
	Anchored bool
}

// tagsSeq describes the sequence raw, the value of `tags` as written
// (aliases not followed). Its elements are all scalars: readTags has
// checked them.
func (p *parser) tagsSeq(raw *yaml.Node) *Seq {
	v := resolve(raw)
	s := &Seq{
		Flow:     v.Style&yaml.FlowStyle != 0,
		Range:    p.nodeRange(v),
		Anchored: raw.Kind == yaml.AliasNode || v.Anchor != "",
		Elems:    make([]Elem, len(v.Content)),
	}
	src := p.f.Src
	if raw.Kind == yaml.AliasNode {
		// The list's bytes are the anchor's, another item's: this item
		// wrote only the alias.
		start := p.lines.offset(raw.Line, raw.Column)
		s.Range = diag.Range{File: p.f.Path, Start: p.lines.pos(start), End: p.lines.pos(aliasEnd(src, start))}
	}
	for i, rawEl := range v.Content {
		el := resolve(rawEl)
		// An alias's own bytes (*a) are where it is written, not where
		// the node it names is.
		e := Elem{Start: p.lines.offset(rawEl.Line, rawEl.Column), Dash: -1, LineStart: -1}
		e.Anchored = rawEl.Kind == yaml.AliasNode || el.Anchor != ""
		if !s.Flow && !e.Anchored {
			e.Dash, e.LineStart = dashBefore(src, e.Start)
		}
		s.Elems[i] = e
	}
	return s
}

// dashBefore finds the "-" that introduces a block element starting at
// start, on the same line with only blanks between, and the start of its
// line; -1, -1 when the layout is another.
func dashBefore(src []byte, start int) (dash, lineStart int) {
	i := start
	for i > 0 && (src[i-1] == ' ' || src[i-1] == '\t') {
		i--
	}
	if i == start || i == 0 || src[i-1] != '-' {
		return -1, -1
	}
	dash = i - 1
	ls := dash
	for ls > 0 && src[ls-1] != '\n' && src[ls-1] != '\r' {
		ls--
	}
	return dash, ls
}
