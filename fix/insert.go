package fix

import (
	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/rules"
)

// InsertAfter returns the edit that adds the tag text right after t, in
// t's style: ", text" in a flow list; in a block list, a line of its own
// with t's indentation, dash, quoting and line end.
func InsertAfter(t rules.Tag, text string) ([]diag.Edit, error) {
	l, err := locate(t)
	if err != nil {
		return nil, err
	}
	q := scalar(text, t.Quoted)
	if l.seq.Flow {
		return []diag.Edit{{File: l.path, Offset: l.end, Length: 0, Text: ", " + q}}, nil
	}
	src := l.src
	prefix := string(src[l.el.LineStart:l.el.Start])
	k := skipBlanks(src, l.end)
	if k < len(src) && src[k] == '#' {
		k = lineEnd(src, k)
	}
	if k >= len(src) {
		// The tag ends the file without a final line break.
		return []diag.Edit{{File: l.path, Offset: k, Length: 0, Text: firstBreak(src) + prefix + q}}, nil
	}
	n := lineBreak(src, k)
	if n == 0 {
		return nil, errLayout
	}
	return []diag.Edit{{File: l.path, Offset: k + n, Length: 0, Text: prefix + q + string(src[k:k+n])}}, nil
}
