package rules

import (
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/falcomitre/falcomitre/diag"
)

// yaml.v3 nodes carry the line and column where they start, properties
// (anchor, tag) included, and no end. The functions here find the bytes of
// a node's text by scanning the source from that mark. When the source does
// not look as expected they fall back to an empty span at the mark rather
// than guess: a span is always inside the source and never ends before it
// starts.

// nodeRange returns the range of n's text; for a scalar, its quotes
// included and its anchor or tag excluded.
func (p *parser) nodeRange(n *yaml.Node) diag.Range {
	start, end := p.span(n)
	return diag.Range{File: p.f.Path, Start: p.lines.pos(start), End: p.lines.pos(end)}
}

// span returns the byte range [start, end) of n's text.
func (p *parser) span(n *yaml.Node) (int, int) {
	mark := p.lines.offset(n.Line, n.Column)
	switch n.Kind {
	case yaml.ScalarNode:
		return scalarSpan(p.f.Src, mark, n)
	case yaml.SequenceNode, yaml.MappingNode:
		return mark, p.collectionEnd(n, mark, 0)
	}
	return mark, mark
}

// collectionEnd finds where a sequence or mapping ends: past the closing
// bracket of a flow collection, else at the end of its last element. It
// never follows aliases, which may point back at n itself.
func (p *parser) collectionEnd(n *yaml.Node, mark, depth int) int {
	src := p.f.Src
	end := mark
	if len(n.Content) > 0 && depth < 1000 {
		last := n.Content[len(n.Content)-1]
		lm := p.lines.offset(last.Line, last.Column)
		switch last.Kind {
		case yaml.ScalarNode:
			_, end = scalarSpan(src, lm, last)
		case yaml.SequenceNode, yaml.MappingNode:
			end = p.collectionEnd(last, lm, depth+1)
		default:
			end = aliasEnd(src, lm)
		}
		end = max(end, mark)
	}
	if n.Style&yaml.FlowStyle == 0 {
		return end
	}
	close := byte(']')
	if n.Kind == yaml.MappingNode {
		close = '}'
	}
	i := end
	if len(n.Content) == 0 {
		i = skipSpace(src, skipProperties(src, mark))
		if i < len(src) && (src[i] == '[' || src[i] == '{') {
			i++
		}
	}
	for i < len(src) {
		i = skipSpace(src, i)
		if i < len(src) && src[i] == ',' {
			i++
			continue
		}
		break
	}
	if i < len(src) && src[i] == close {
		return i + 1
	}
	return end
}

// aliasEnd returns the end of an alias `*name` starting at i.
func aliasEnd(src []byte, i int) int {
	if i < len(src) && src[i] == '*' {
		i++
		for i < len(src) && isAnchorChar(src[i]) {
			i++
		}
	}
	return i
}

// scalarSpan returns the bytes of scalar n whose mark is at byte mark.
func scalarSpan(src []byte, mark int, n *yaml.Node) (int, int) {
	afterProps := skipProperties(src, mark)
	start := afterProps
	if afterProps != mark {
		start = skipSpace(src, afterProps)
	}
	switch {
	case n.Style&yaml.SingleQuotedStyle != 0:
		if end, ok := singleQuotedEnd(src, start); ok {
			return start, end
		}
	case n.Style&yaml.DoubleQuotedStyle != 0:
		if end, ok := doubleQuotedEnd(src, start); ok {
			return start, end
		}
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		if end, ok := blockScalarEnd(src, start, n.Value); ok {
			return start, end
		}
	default:
		if n.Value == "" {
			// An empty plain scalar has no text; what follows the
			// properties belongs to the next node.
			return afterProps, afterProps
		}
		if end, ok := matchText(src, start, n.Value); ok {
			return start, end
		}
	}
	return mark, mark
}

// skipProperties skips an anchor (&a) and a tag (!t, !!t, !<t>), in either
// order, and the space between them, starting at i.
func skipProperties(src []byte, i int) int {
	for k := 0; k < 2 && i < len(src); k++ {
		j := i
		switch src[i] {
		case '&':
			j++
			for j < len(src) && isAnchorChar(src[j]) {
				j++
			}
		case '!':
			j++
			if j < len(src) && src[j] == '<' {
				for j < len(src) && src[j] != '>' {
					j++
				}
				if j < len(src) {
					j++
				}
			} else {
				for j < len(src) && isTagChar(src[j]) {
					j++
				}
			}
		default:
			return i
		}
		i = j
		if next := skipSpace(src, j); next < len(src) && (src[next] == '&' || src[next] == '!') {
			i = next
		}
	}
	return i
}

// isAnchorChar reports the bytes yaml.v3 accepts in an anchor name.
func isAnchorChar(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '-'
}

// isTagChar reports the bytes yaml.v3 accepts in a tag (URI characters).
func isTagChar(c byte) bool {
	if isAnchorChar(c) {
		return true
	}
	switch c {
	case ';', '/', '?', ':', '@', '&', '=', '+', '$', ',', '.', '!', '~', '*', '\'', '(', ')', '[', ']', '%':
		return true
	}
	return false
}

// skipSpace skips blanks, line breaks and comments.
func skipSpace(src []byte, i int) int {
	for i < len(src) {
		switch c := src[i]; {
		case c == ' ' || c == '\t':
			i++
		case c == '#':
			for i < len(src) && breakLen(src, i) == 0 {
				i++
			}
		case c == 0xEF && hasBOM(src[i:]):
			i += len(utf8BOM)
		default:
			n := breakLen(src, i)
			if n == 0 {
				return i
			}
			i += n
		}
	}
	return i
}

// singleQuotedEnd returns the end of a single-quoted scalar at i, where a
// doubled quote stands for one.
func singleQuotedEnd(src []byte, i int) (int, bool) {
	if i >= len(src) || src[i] != '\'' {
		return 0, false
	}
	for i++; i < len(src); i++ {
		if src[i] == '\'' {
			if i+1 < len(src) && src[i+1] == '\'' {
				i++
				continue
			}
			return i + 1, true
		}
	}
	return 0, false
}

// doubleQuotedEnd returns the end of a "double-quoted" scalar at i, where
// a backslash escapes the next character.
func doubleQuotedEnd(src []byte, i int) (int, bool) {
	if i >= len(src) || src[i] != '"' {
		return 0, false
	}
	for i++; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case '"':
			return i + 1, true
		}
	}
	return 0, false
}

// blockScalarEnd returns the end of a literal (|) or folded (>) scalar at
// i: the end of its last non-blank character, or of its header when it has
// none.
func blockScalarEnd(src []byte, i int, value string) (int, bool) {
	if i >= len(src) || (src[i] != '|' && src[i] != '>') {
		return 0, false
	}
	j := i + 1
	for j < len(src) && (src[j] == '-' || src[j] == '+' || src[j] >= '0' && src[j] <= '9') {
		j++
	}
	header := j
	for j < len(src) && breakLen(src, j) == 0 {
		j++
	}
	if j < len(src) {
		j += breakLen(src, j)
	}
	if end, ok := matchText(src, j, value); ok && end > j {
		return end, true
	}
	return header, true
}

// matchText finds value's characters in src from i, letting any run of
// white space and line breaks in one stand for any run in the other: that
// is all YAML's line folding changes in plain and block scalars, which have
// no escapes. It returns the end of the last character matched.
func isSpaceOrBreak(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func matchText(src []byte, i int, value string) (int, bool) {
	// Most values are written as they read, on one line: then the loop
	// below would match byte for byte.
	if n := len(value); n > 0 && i+n <= len(src) && !isSpaceOrBreak(value[n-1]) && string(src[i:i+n]) == value {
		return i + n, true
	}
	end := i
	for j := 0; j < len(value); {
		c := value[j]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			j++
			continue
		}
		for i < len(src) {
			if src[i] == ' ' || src[i] == '\t' {
				i++
			} else if n := breakLen(src, i); n > 0 {
				i += n
			} else {
				break
			}
		}
		_, w := utf8.DecodeRuneInString(value[j:])
		if i+w > len(src) || string(src[i:i+w]) != value[j:j+w] {
			return 0, false
		}
		i += w
		j += w
		end = i
	}
	return end, true
}
