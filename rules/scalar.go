package rules

import (
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/falcomitre/falcomitre/diag"
)

// ScalarStyle is how a YAML scalar is written.
type ScalarStyle int

// Scalar styles. Conditions are mostly plain or folded (`condition: >`).
const (
	Plain ScalarStyle = iota
	SingleQuoted
	DoubleQuoted
	Literal // |
	Folded  // >
)

// Scalar is a string value as written in a file: its text as Falco reads
// it, where it is and how it is quoted. Conditions keep one, so that a
// position inside the text (a parse error at byte 42 of the condition,
// say) maps back to the file's line and column, through line folding,
// indentation and escapes.
type Scalar struct {
	Value string
	Range diag.Range // the scalar as written: quotes or block header included
	Style ScalarStyle
	src   []byte // the file's bytes
}

// scalar describes the scalar node v (aliases already followed).
func (p *parser) scalar(v *yaml.Node) *Scalar {
	s := &Scalar{Value: v.Value, Range: p.nodeRange(v), src: p.f.Src}
	switch {
	case v.Style&yaml.SingleQuotedStyle != 0:
		s.Style = SingleQuoted
	case v.Style&yaml.DoubleQuotedStyle != 0:
		s.Style = DoubleQuoted
	case v.Style&yaml.LiteralStyle != 0:
		s.Style = Literal
	case v.Style&yaml.FoldedStyle != 0:
		s.Style = Folded
	}
	return s
}

// Pos returns the file position of byte off of Value (len(Value) for the
// position just past it). It walks the source and the value together:
// YAML folding only turns runs of blanks, line breaks and indentation
// into other such runs, and quoting only adds escapes (” in single
// quotes, \x.. in double quotes), so every other character is found in
// the same order in both. When the source does not line up (an alias, a
// tag we did not skip), Pos falls back to the scalar's start rather than
// guess.
func (s *Scalar) Pos(off int) diag.Pos {
	if s == nil {
		return diag.Pos{}
	}
	if src, ok := s.sourceOffset(off); ok {
		return s.posAt(src)
	}
	return s.Range.Start
}

// sourceOffset maps byte off of Value to a byte offset of the file.
func (s *Scalar) sourceOffset(off int) (int, bool) {
	start, end := s.Range.Start.Offset, s.Range.End.Offset
	if end <= start || end > len(s.src) || off < 0 || off > len(s.Value) {
		return 0, false
	}
	src := s.src[:end]
	i := start
	switch s.Style {
	case SingleQuoted, DoubleQuoted:
		i++               // the opening quote
		src = src[:end-1] // the closing quote
	case Literal, Folded:
		// Skip the header (|, >, chomping and indentation indicators,
		// a comment) to the first content line.
		for i < len(src) && breakLen(src, i) == 0 {
			i++
		}
		if i < len(src) {
			i += breakLen(src, i)
		}
	}
	v := s.Value
	for j := 0; ; {
		// A run of blanks in the value stands for a run of blanks, line
		// breaks, indentation or blank-producing escapes in the source:
		// a position inside it is where the source run starts.
		if j < len(v) && isValueBlank(v[j]) {
			for ; j < len(v) && isValueBlank(v[j]); j++ {
				if j == off {
					return i, true
				}
			}
			continue
		}
		i = s.skipSourceBlanks(src, i)
		if j == off {
			return i, true
		}
		if j >= len(v) || i >= len(src) {
			return 0, false
		}
		n, w, ok := s.sourceChar(src, i, v[j:])
		if !ok {
			return 0, false
		}
		if off < j+w { // inside a multi-byte character
			return i, true
		}
		i += n
		j += w
	}
}

// skipSourceBlanks skips blanks, line breaks and, in double quotes,
// escapes that stand for blanks or for nothing (an escaped line break).
func (s *Scalar) skipSourceBlanks(src []byte, i int) int {
	for i < len(src) {
		switch c := src[i]; {
		case c == ' ' || c == '\t':
			i++
		case breakLen(src, i) > 0:
			i += breakLen(src, i)
		case c == '\\' && s.Style == DoubleQuoted && i+1 < len(src):
			switch d := src[i+1]; {
			case d == 'n' || d == 't' || d == 'r' || d == ' ' || d == '\t':
				i += 2
			case breakLen(src, i+1) > 0:
				i += 1 + breakLen(src, i+1)
			default:
				return i
			}
		default:
			return i
		}
	}
	return i
}

// sourceChar matches the source at i with the start of rest, a non-blank
// value character: it returns the bytes consumed in each.
func (s *Scalar) sourceChar(src []byte, i int, rest string) (n, w int, ok bool) {
	c := src[i]
	switch {
	case s.Style == SingleQuoted && c == '\'' && i+1 < len(src) && src[i+1] == '\'':
		return 2, 1, rest[0] == '\''
	case s.Style == DoubleQuoted && c == '\\' && i+1 < len(src):
		r, n := decodeEscape(src[i+1:])
		if n == 0 {
			return 0, 0, false
		}
		want, w := utf8.DecodeRuneInString(rest)
		if r < utf8.RuneSelf && rest[0] == byte(r) {
			return 1 + n, 1, true
		}
		return 1 + n, w, want == r
	}
	_, size := utf8.DecodeRune(src[i:])
	if size > len(rest) || string(src[i:i+size]) != rest[:size] {
		return 0, 0, false
	}
	return size, size, true
}

// decodeEscape decodes a YAML 1.2 double-quoted escape (§5.7) that is not
// a blank, after its backslash: it returns the rune and the bytes the
// escape takes, n = 0 for one it does not know.
func decodeEscape(b []byte) (r rune, n int) {
	if len(b) == 0 {
		return 0, 0
	}
	digits := 0
	switch b[0] {
	case '0':
		return 0, 1
	case 'a':
		return 7, 1
	case 'b':
		return 8, 1
	case 'v':
		return 11, 1
	case 'f':
		return 12, 1
	case 'e':
		return 27, 1
	case '"', '/', '\\':
		return rune(b[0]), 1
	case 'N':
		return 0x85, 1
	case '_':
		return 0xA0, 1
	case 'L':
		return 0x2028, 1
	case 'P':
		return 0x2029, 1
	case 'x':
		digits = 2
	case 'u':
		digits = 4
	case 'U':
		digits = 8
	default:
		return 0, 0
	}
	if len(b) < 1+digits {
		return 0, 0
	}
	for _, c := range b[1 : 1+digits] {
		var d rune
		switch {
		case c >= '0' && c <= '9':
			d = rune(c - '0')
		case c >= 'a' && c <= 'f':
			d = rune(c-'a') + 10
		case c >= 'A' && c <= 'F':
			d = rune(c-'A') + 10
		default:
			return 0, 0
		}
		r = r<<4 | d
	}
	return r, 1 + digits
}

func isValueBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// posAt converts a byte offset inside the scalar to a position, counting
// from the scalar's start as the line table does.
func (s *Scalar) posAt(off int) diag.Pos {
	p := s.Range.Start
	for i := p.Offset; i < off && i < len(s.src); {
		if n := breakLen(s.src, i); n > 0 {
			i += n
			p.Line++
			p.Column = 1
			continue
		}
		_, n := utf8.DecodeRune(s.src[i:])
		i += n
		p.Column++
	}
	p.Offset = off
	return p
}
