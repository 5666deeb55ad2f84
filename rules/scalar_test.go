package rules

import (
	"strings"
	"testing"
)

// TestScalarPos maps offsets of a condition's value back to the file
// through each YAML scalar style: the position of each marked character
// (the value's "X") must be where the source has its X.
func TestScalarPos(t *testing.T) {
	for _, c := range []struct{ name, cond string }{
		{"plain", "a.b = 1 and X.y = 2"},
		{"plain over lines", "a.b = 1 and\n    X.y = 2"},
		{"plain with blank line", "a.b = 1\n\n    and X.y = 2"},
		{"single quoted", "'a.b = ''q'' and X.y'"},
		{"single quoted over lines", "'a.b = 1\n    and X.y'"},
		{"double quoted", `"a.b = \"q\" and X.y"`},
		{"double quoted escapes", `"\x41\u00e9\t\\ and\nX.y"`},
		{"double quoted line continuation", "\"a.b = 1 and \\\n    X.y\""},
		{"folded", ">\n    a.b = 1\n    and X.y = 2\n"},
		{"folded more indented", ">-\n    a.b = 1\n      and\n    X.y = 2\n"},
		{"literal", "|\n    a.b = 1\n      and X.y = 2\n"},
		{"literal with indicator", "|2-\n     a.b = 1\n     and X.y = 2\n"},
		{"with a tag", "!!str a.b = 1 and X.y"},
	} {
		src := "- macro: m\n  condition: " + c.cond + "\n"
		f := Parse("f.yaml", []byte(src))
		if f.Err != nil {
			t.Errorf("%s: %v", c.name, f.Err)
			continue
		}
		s := f.Items[0].ConditionAt
		off := strings.IndexByte(s.Value, 'X')
		pos := s.Pos(off)
		want := strings.IndexByte(src, 'X')
		if pos.Offset != want {
			t.Errorf("%s: value %q: offset %d maps to %d (%d:%d), want %d", c.name, s.Value, off, pos.Offset, pos.Line, pos.Column, want)
			continue
		}
		ref := refPositions([]byte(src))
		if pos != ref[want] {
			t.Errorf("%s: position %+v, want %+v", c.name, pos, ref[want])
		}
		if end := s.Pos(len(s.Value)); end.Offset > s.Range.End.Offset || end.Offset < pos.Offset {
			t.Errorf("%s: end of value at %d, outside [%d,%d]", c.name, end.Offset, pos.Offset, s.Range.End.Offset)
		}
	}
}
