package rules

import (
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/falcomitre/falcomitre/diag"
)

// scalarSeq reads a sequence of scalars the way Falco's decode_seq reads
// `tags` and `items` (spec §6): the value must be a sequence, null
// included, and every element a non-null scalar. It returns the elements,
// aliases followed, and the key node (nil when absent).
func (p *parser) scalarSeq(m mapping, key string, required bool) ([]*yaml.Node, *yaml.Node, error) {
	k, v := m.get(key)
	if k == nil {
		if required {
			return nil, nil, diag.Errorf(m.at, "item has no mapping for key '%s'", key)
		}
		return nil, nil, nil
	}
	if v.Kind != yaml.SequenceNode {
		return nil, k, diag.Errorf(p.valueRange(k, v), "value for '%s' is not a sequence", key)
	}
	elems := make([]*yaml.Node, 0, len(v.Content))
	for _, e := range v.Content {
		e = resolve(e)
		if !isScalar(e) {
			return nil, k, diag.Errorf(p.nodeRange(e), "sequence value is not scalar")
		}
		elems = append(elems, e)
	}
	return elems, k, nil
}

// valueRange is where an error about v, the value of k, points: v, or k
// when v has no text (`tags:` with nothing after it).
func (p *parser) valueRange(k, v *yaml.Node) diag.Range {
	r := p.nodeRange(v)
	if r.Start.Offset == r.End.Offset && isNull(v) {
		return p.nodeRange(k)
	}
	return r
}

// readTags decodes `tags` into it.Tags and it.TagsKey as Falco's
// decode_tags does, returning its errors.
func (p *parser) readTags(m mapping, it *Item) error {
	elems, k, err := p.scalarSeq(m, "tags", false)
	if err != nil || k == nil {
		return err
	}
	it.TagsKey = m.key(k)
	it.Tags = p.tagsOf(elems, it)
	it.TagsSeq = p.tagsSeq(m.rawValue(k))
	return nil
}

// keepIgnoredTags fills it.Tags and it.TagsKey for an item whose tags
// Falco never reads (spec §3, §5), so that the checks can report them:
// whatever the shape, the scalars found are kept and nothing is an error.
func (p *parser) keepIgnoredTags(m mapping, it *Item) {
	if k, v := m.get("tags"); k != nil {
		it.TagsKey = m.key(k)
		it.Tags = p.tagsOf(scalarsIn(v), it)
	}
}

// readStrayTags fills it.StrayTagKeys and it.StrayTags with the keys that
// look meant as `tags` (Tags:, TAGS:, tag:) and the scalars under them.
// Falco ignores these keys, so their shape is never an error.
func (p *parser) readStrayTags(m mapping, it *Item) {
	m.keyValues(func(k, v *yaml.Node) {
		if !isScalar(k) || !isStrayTagKey(k.Value) {
			return
		}
		it.StrayTagKeys = append(it.StrayTagKeys, *m.key(k))
		it.StrayTags = append(it.StrayTags, p.tagsOf(scalarsIn(v), it)...)
	})
}

// isStrayTagKey reports a key spelt like `tags` or `tag` in another case.
func isStrayTagKey(k string) bool {
	// EqualFold folds like asciiLower here: a non-ASCII letter that folds
	// to an ASCII one (ſ, K) changes the length in bytes.
	return len(k) == 4 && k != "tags" && strings.EqualFold(k, "tags") || len(k) == 3 && strings.EqualFold(k, "tag")
}

// scalarsIn returns v's non-null scalar elements, or v itself when it is
// a scalar.
func scalarsIn(v *yaml.Node) []*yaml.Node {
	if isScalar(v) {
		return []*yaml.Node{v}
	}
	if v == nil || v.Kind != yaml.SequenceNode {
		return nil
	}
	var out []*yaml.Node
	for _, e := range v.Content {
		if e = resolve(e); isScalar(e) {
			out = append(out, e)
		}
	}
	return out
}

// tagsOf converts scalar nodes to Tags of it.
func (p *parser) tagsOf(elems []*yaml.Node, it *Item) []Tag {
	if len(elems) == 0 {
		return nil
	}
	tags := make([]Tag, len(elems))
	for i, e := range elems {
		tags[i] = Tag{Value: e.Value, Range: p.nodeRange(e), Quoted: quoteOf(e), Item: it, Index: i}
	}
	return tags
}

// quoteOf returns the quote character of a scalar's style, 0 if plain.
func quoteOf(n *yaml.Node) byte {
	switch {
	case n.Style&yaml.SingleQuotedStyle != 0:
		return '\''
	case n.Style&yaml.DoubleQuotedStyle != 0:
		return '"'
	}
	return 0
}
