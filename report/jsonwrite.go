package report

import (
	"bufio"
	"unicode/utf8"
)

// The json* writers write the large JSON documents (the matrix page's
// rules, the layer's techniques) straight into the buffered output, byte
// for byte as encoding/json would: marshalled first, a large set's were
// tens of megabytes held in memory, and the layer was copied again to
// indent it.

// jsonEscaper says which bytes a JSON string writes as they are: ASCII
// ones only, the others are read as UTF-8.
type jsonEscaper [256]bool

// jsonPlain is encoding/json with SetEscapeHTML(false); jsonHTML is
// json.Marshal, which also escapes <, > and & for a script.
var jsonPlain, jsonHTML = jsonSafeBytes(""), jsonSafeBytes("<>&")

func jsonSafeBytes(alsoEscaped string) *jsonEscaper {
	var t jsonEscaper
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	for _, c := range alsoEscaped {
		t[c] = false
	}
	return &t
}

const jsonHex = "0123456789abcdef"

// writeJSONString writes s as a JSON string.
func writeJSONString(b *bufio.Writer, s string, esc *jsonEscaper) {
	b.WriteByte('"')
	writeJSONChars(b, s, esc)
	b.WriteByte('"')
}

// writeJSONChars writes s escaped for a JSON string, without the quotes,
// so that a value can be written in pieces cut at ASCII bytes. Invalid
// UTF-8 becomes U+FFFD, and the line and paragraph separators are
// escaped since a script cannot hold them, as encoding/json does.
func writeJSONChars(b *bufio.Writer, s string, esc *jsonEscaper) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if esc[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b.WriteString(s[last:i])
			switch c {
			case '"', '\\':
				b.WriteByte('\\')
				b.WriteByte(c)
			case '\b':
				b.WriteString(`\b`)
			case '\f':
				b.WriteString(`\f`)
			case '\n':
				b.WriteString(`\n`)
			case '\r':
				b.WriteString(`\r`)
			case '\t':
				b.WriteString(`\t`)
			default:
				b.WriteString(`\u00`)
				b.WriteByte(jsonHex[c>>4])
				b.WriteByte(jsonHex[c&0xf])
			}
			i++
			last = i
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteString(s[last:i])
			b.WriteString(`\ufffd`)
		case r == '\u2028' || r == '\u2029':
			b.WriteString(s[last:i])
			b.WriteString(`\u202`)
			b.WriteByte(jsonHex[r&0xf])
		default:
			i += n
			continue
		}
		i += n
		last = i
	}
	b.WriteString(s[last:])
}

// writeJSONBool writes a JSON boolean.
func writeJSONBool(b *bufio.Writer, v bool) {
	if v {
		b.WriteString("true")
	} else {
		b.WriteString("false")
	}
}
