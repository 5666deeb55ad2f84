package attack

import (
	"bytes"
	"encoding/json"
	"errors"
)

// The functions here find where JSON values end without decoding them.
// A bundle is mostly relationship descriptions falcomitre never reads;
// skimming them with bytes.IndexByte is several times faster than
// encoding/json's scanner, which then only sees the few objects we keep.
// Skimming checks strings and bracket nesting, not commas or literals, so
// damage inside a skipped object can go unnoticed; it cannot change the
// facts, which come from objects encoding/json decodes in full.

// errIncomplete says a value runs past the end of the bytes at hand.
var errIncomplete = errors.New("incomplete JSON value")

// skimError is a syntax error found while skimming, at an index into the
// skimmed bytes.
type skimError struct {
	at  int
	msg string
}

func (e *skimError) Error() string { return e.msg }

// isSpace reports JSON whitespace.
func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

// stringEnd returns the index just past the string that opens at b[i].
func stringEnd(b []byte, i int) (int, error) {
	j := i + 1
	for {
		k := bytes.IndexByte(b[j:], '"')
		if k < 0 {
			return 0, errIncomplete
		}
		q := j + k
		// The quote is escaped when an odd run of backslashes precedes it.
		n := 0
		for p := q - 1; p > i && b[p] == '\\'; p-- {
			n++
		}
		if n%2 == 0 {
			return q + 1, nil
		}
		j = q + 1
	}
}

// scalarEnd returns the index just past the number or literal at b[i].
// A scalar that reaches the end of b is reported incomplete: more input
// may extend it.
func scalarEnd(b []byte, i int) (int, error) {
	j := i
	for j < len(b) {
		c := b[j]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'E') {
			break
		}
		j++
	}
	if j == len(b) {
		return 0, errIncomplete
	}
	if j == i || !json.Valid(b[i:j]) {
		return 0, &skimError{i, "invalid character " + quoteByte(b[i]) + " looking for a value"}
	}
	return j, nil
}

// valueEnd returns the index just past the JSON value that starts at
// b[i], a non-space byte. stack is scratch space, returned for reuse.
func valueEnd(b []byte, i int, stack []byte) (int, []byte, error) {
	switch b[i] {
	case '"':
		end, err := stringEnd(b, i)
		return end, stack, err
	case '{', '[':
	default:
		end, err := scalarEnd(b, i)
		return end, stack, err
	}
	stack = stack[:0]
	for j := i; j < len(b); j++ {
		switch c := b[j]; c {
		case '"':
			end, err := stringEnd(b, j)
			if err != nil {
				return 0, stack, err
			}
			j = end - 1
		case '{':
			stack = append(stack, '}')
		case '[':
			stack = append(stack, ']')
		case '}', ']':
			if len(stack) == 0 || stack[len(stack)-1] != c {
				return 0, stack, &skimError{j, "unexpected " + quoteByte(c)}
			}
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return j + 1, stack, nil
			}
		}
	}
	return 0, stack, errIncomplete
}

// quoteByte renders a byte for an error message the way encoding/json
// does.
func quoteByte(c byte) string {
	if c == '\'' {
		return `'\''`
	}
	if c == '"' {
		return `'"'`
	}
	if c >= 0x20 && c < 0x7f {
		return "'" + string(c) + "'"
	}
	return "byte 0x" + string("0123456789abcdef"[c>>4]) + string("0123456789abcdef"[c&15])
}

// unquote decodes a complete JSON string token; the common case without
// escapes costs one allocation.
func unquote(tok []byte) (string, bool) {
	if len(tok) < 2 {
		return "", false
	}
	if bytes.IndexByte(tok, '\\') < 0 {
		return string(tok[1 : len(tok)-1]), true
	}
	var s string
	if json.Unmarshal(tok, &s) != nil {
		return "", false
	}
	return s, true
}

// keyIs reports whether the JSON string token key spells name, without
// allocating in the usual unescaped case.
func keyIs(key []byte, name string) bool {
	if len(key) == len(name)+2 && string(key[1:len(key)-1]) == name {
		return true
	}
	if bytes.IndexByte(key, '\\') < 0 {
		return false
	}
	k, ok := unquote(key)
	return ok && k == name
}

// memberIter walks the top-level members of obj, a whole JSON object that
// valueEnd accepted, without decoding them.
type memberIter struct {
	obj   []byte
	i     int
	stack []byte
}

// next returns the next member's name and value as raw JSON tokens; ok is
// false at the end of the object or at anything malformed.
func (it *memberIter) next() (key, val []byte, ok bool) {
	obj, i := it.obj, it.i
	if i == 0 {
		i = 1 // past the '{'
	}
	for i < len(obj) && (isSpace(obj[i]) || obj[i] == ',') {
		i++
	}
	if i >= len(obj) || obj[i] != '"' {
		return nil, nil, false
	}
	kEnd, err := stringEnd(obj, i)
	if err != nil {
		return nil, nil, false
	}
	key = obj[i:kEnd]
	i = kEnd
	for i < len(obj) && (isSpace(obj[i]) || obj[i] == ':') {
		i++
	}
	if i >= len(obj) {
		return nil, nil, false
	}
	vStart := i
	if i, it.stack, err = valueEnd(obj, vStart, it.stack); err != nil {
		return nil, nil, false
	}
	it.i = i
	return key, obj[vStart:i], true
}

// objectKind returns the top-level "type" and, for relationships,
// "relationship_type" members of obj, a whole JSON object that valueEnd
// accepted. It stops as soon as it has what decides whether obj is kept;
// "type" comes first in ATT&CK data, so most objects cost a few bytes.
func objectKind(obj []byte, stack []byte) (typ, rel string, _ []byte) {
	it := memberIter{obj: obj, stack: stack}
	for {
		key, val, ok := it.next()
		if !ok {
			return typ, rel, it.stack
		}
		if val[0] == '"' {
			switch {
			case keyIs(key, "type"):
				typ, _ = unquote(val)
			case keyIs(key, "relationship_type"):
				rel, _ = unquote(val)
			}
		}
		if typ != "" && (typ != "relationship" || rel != "") {
			return typ, rel, it.stack
		}
	}
}
