package fix

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// scalar writes text as a YAML scalar in the style of the tag it replaces
// or sits beside: quoted with the same quote character, plain when that tag
// is plain and text can be, double-quoted otherwise.
func scalar(text string, quote byte) string {
	switch {
	case quote == '\'' && singleQuotable(text):
		return "'" + strings.ReplaceAll(text, "'", "''") + "'"
	case quote == 0 && plainSafe(text):
		return text
	}
	return doubleQuoted(text)
}

// plainSafe reports whether text reads back as the same string when
// written plain in a flow or block sequence. It is deliberately narrow:
// letters, digits and _ . / - (every canonical ATT&CK tag), starting with a
// letter, a digit or _, and none of the spellings of null, which Falco
// would reject as "sequence value is not scalar".
func plainSafe(text string) bool {
	if text == "" {
		return false
	}
	switch text {
	case "null", "Null", "NULL", "~":
		return false
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' ||
			i > 0 && (c == '.' || c == '/' || c == '-')
		if !ok {
			return false
		}
	}
	return true
}

// singleQuotable reports whether text can be single-quoted: single quotes
// have no escapes, so line breaks and other control characters cannot.
func singleQuotable(text string) bool {
	for _, r := range text {
		if r == utf8.RuneError || !unicode.IsPrint(r) && r != ' ' {
			return false
		}
	}
	return true
}

// doubleQuoted writes text between double quotes with YAML's escapes.
func doubleQuoted(text string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, "\\x%02X", text[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7F:
			fmt.Fprintf(&b, "\\x%02X", r)
		case !unicode.IsPrint(r) && r != ' ' && r > 0xFFFF:
			fmt.Fprintf(&b, "\\U%08X", r)
		case !unicode.IsPrint(r) && r != ' ':
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
		i += n
	}
	b.WriteByte('"')
	return b.String()
}
