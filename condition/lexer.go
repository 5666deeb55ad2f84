package condition

import (
	"fmt"
	"strings"
)

// The lexer of libsinsp's filter parser (parser.cpp, spec §1). Each lex
// method tries one token at the cursor and, on success, advances past it
// and records it as the last token, which error messages quote. The
// regular expressions of parser.cpp are RE2 POSIX, anchored at the cursor
// and leftmost-longest; they are matched here byte by byte, which the
// fuzz tests compare with package regexp.

// isBlank is lex_blank's set: space, TAB, \b, CR, LF.
func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\b' || c == '\r' || c == '\n' }

// isSpace is POSIX [[:space:]], as in RGX_NOTBLANK, RGX_BARESTR and
// RGX_FIELDARGBARESTR: it has \v and \f, and not \b.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isHex(c byte) bool    { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// lexBlank skips blanks; it is the only lex method that leaves the last
// token alone.
func (p *parser) lexBlank() bool {
	start := p.i
	for p.i < len(p.s) && isBlank(p.s[p.i]) {
		p.i++
	}
	return p.i > start
}

// take makes s[p.i:p.i+n] the last token and moves past it.
func (p *parser) take(n int) bool {
	if n <= 0 {
		return false
	}
	p.last = p.s[p.i : p.i+n]
	p.i += n
	return true
}

// lexStr is lex_helper_str: the exact text str at the cursor.
func (p *parser) lexStr(str string) bool {
	if strings.HasPrefix(p.s[p.i:], str) {
		return p.take(len(str))
	}
	return false
}

// identLen is the length of RGX_IDENTIFIER, [a-zA-Z]+[a-zA-Z0-9_]*, at
// s[i:], 0 if none.
func identLen(s string, i int) int {
	if i >= len(s) || !isLetter(s[i]) {
		return 0
	}
	j := i + 1
	for j < len(s) && (isLetter(s[j]) || isDigit(s[j]) || s[j] == '_') {
		j++
	}
	return j - i
}

func (p *parser) lexIdentifier() bool { return p.take(identLen(p.s, p.i)) }

// fieldNameLen is the length of RGX_FIELDNAME, an identifier followed by
// one or more `.identifier`, at s[i:].
func fieldNameLen(s string, i int) int {
	j := i + identLen(s, i)
	if j == i {
		return 0
	}
	dots := 0
	for j < len(s) && s[j] == '.' {
		n := identLen(s, j+1)
		if n == 0 {
			break
		}
		j += 1 + n
		dots++
	}
	if dots == 0 {
		return 0
	}
	return j - i
}

func (p *parser) lexFieldName() bool { return p.take(fieldNameLen(p.s, p.i)) }

// lexFieldArgBareStr is RGX_FIELDARGBARESTR, [^][\"'[:space:]]+.
func (p *parser) lexFieldArgBareStr() bool {
	j := p.i
	for j < len(p.s) {
		c := p.s[j]
		if c == '[' || c == ']' || c == '"' || c == '\'' || isSpace(c) {
			break
		}
		j++
	}
	return p.take(j - p.i)
}

// lexHexNum is RGX_HEXNUM, 0[xX][0-9a-fA-F]+.
func (p *parser) lexHexNum() bool {
	s, i := p.s, p.i
	if i+2 >= len(s) || s[i] != '0' || (s[i+1] != 'x' && s[i+1] != 'X') || !isHex(s[i+2]) {
		return false
	}
	j := i + 3
	for j < len(s) && isHex(s[j]) {
		j++
	}
	return p.take(j - i)
}

// numLen is the length of RGX_NUMBER, [+-]?[0-9]+\.?[0-9]*([eE][+-][0-9]+)?,
// at s[i:]. The exponent's sign is required, so "1e5" is "1" (spec §1).
func numLen(s string, i int) int {
	j := i
	if j < len(s) && (s[j] == '+' || s[j] == '-') {
		j++
	}
	d := j
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if j == d {
		return 0
	}
	if j < len(s) && s[j] == '.' {
		j++
	}
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if j+2 < len(s) && (s[j] == 'e' || s[j] == 'E') && (s[j+1] == '+' || s[j+1] == '-') && isDigit(s[j+2]) {
		j += 3
		for j < len(s) && isDigit(s[j]) {
			j++
		}
	}
	return j - i
}

func (p *parser) lexNum() bool { return p.take(numLen(p.s, p.i)) }

// lexBareStr is RGX_BARESTR, [^()"'[:space:]=,]+.
func (p *parser) lexBareStr() bool {
	j := p.i
	for j < len(p.s) {
		c := p.s[j]
		if c == '(' || c == ')' || c == '"' || c == '\'' || c == '=' || c == ',' || isSpace(c) {
			break
		}
		j++
	}
	return p.take(j - p.i)
}

// lexNotBlank is RGX_NOTBLANK, not[[:space:]]+.
func (p *parser) lexNotBlank() bool {
	if !strings.HasPrefix(p.s[p.i:], "not") {
		return false
	}
	j := p.i + 3
	for j < len(p.s) && isSpace(p.s[j]) {
		j++
	}
	if j == p.i+3 {
		return false
	}
	return p.take(j - p.i)
}

// lexQuotedStr is lex_quoted_str: a '…' or "…" string that ends at the
// first matching quote not preceded by a backslash, so "a\\" never
// closes (spec §1). Like the C++ code, which walks a C string, it stops
// at a NUL byte. On success the last token is the unescaped text; an
// escape error is returned with the cursor past the closing quote, where
// the C++ code throws from unescape_str.
func (p *parser) lexQuotedStr() (ok bool, err error) {
	if p.i >= len(p.s) || (p.s[p.i] != '\'' && p.s[p.i] != '"') {
		return false, nil
	}
	delim := p.s[p.i]
	prev := byte('\\')
	for j := p.i; j < len(p.s) && p.s[j] != 0; j++ {
		c := p.s[j]
		if c == delim && prev != '\\' {
			raw := p.s[p.i : j+1]
			p.i = j + 1
			v, err := unescape(raw)
			if err != nil {
				return false, p.errorf("%s", err)
			}
			p.last = v
			return true, nil
		}
		prev = c
	}
	return false, nil
}

// unescape is escaping.cpp:unescape_str on a quoted token, quotes
// included: \b \f \n \r \t \\ \/ and \xHH, \" only inside "…" and \'
// only inside '…', and backslash-space for a backslash (legacy).
func unescape(q string) (string, error) {
	body := q[1 : len(q)-1]
	if strings.IndexByte(body, '\\') < 0 {
		return body, nil
	}
	var b strings.Builder
	b.Grow(len(body))
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(body) {
			// The closing quote cannot follow a backslash, so a
			// trailing one never reaches here; kept for safety.
			break
		}
		switch e := body[i]; e {
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case ' ', '\\':
			b.WriteByte('\\')
		case '/':
			b.WriteByte('/')
		case '"', '\'':
			if q[0] != e {
				if e == '"' {
					return "", fmt.Errorf(`invalid \" escape in '-quoted string`)
				}
				return "", fmt.Errorf(`invalid \' escape in "-quoted string`)
			}
			b.WriteByte(e)
		case 'x':
			if i+2 >= len(body) || !isHex(body[i+1]) || !isHex(body[i+2]) {
				return "", fmt.Errorf(`invalid \x escape sequence: expected two hex digits`)
			}
			b.WriteByte(hexVal(body[i+1])<<4 | hexVal(body[i+2]))
			i += 2
		default:
			return "", fmt.Errorf(`unsupported string escape sequence: \%c`, e)
		}
	}
	return b.String(), nil
}

func hexVal(c byte) byte {
	switch {
	case isDigit(c):
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}
