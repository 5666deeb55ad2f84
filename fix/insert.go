package fix

import (
	"strings"

	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/rules"
)

// InsertAfter returns the edit that adds the tags texts right after t, in
// order and in t's style: ", a, b" in a flow list; in a block list, a line
// of their own each with t's indentation, dash, quoting and line end.
// Several tags make one edit, not one each: two insertions at the same
// offset would leave their order to chance, so Apply refuses them.
func InsertAfter(t rules.Tag, texts ...string) ([]diag.Edit, error) {
	l, err := locate(t)
	if err != nil || len(texts) == 0 {
		return nil, err
	}
	quoted := make([]string, len(texts))
	for i, text := range texts {
		quoted[i] = scalar(text, t.Quoted)
	}
	if l.seq.Flow {
		return []diag.Edit{{File: l.path, Offset: l.end, Length: 0, Text: ", " + strings.Join(quoted, ", ")}}, nil
	}
	src := l.src
	prefix := string(src[l.el.LineStart:l.el.Start])
	k := skipBlanks(src, l.end)
	if k < len(src) && src[k] == '#' {
		k = lineEnd(src, k)
	}
	var b strings.Builder
	if k >= len(src) {
		// The tag ends the file without a final line break.
		for _, q := range quoted {
			b.WriteString(firstBreak(src) + prefix + q)
		}
		return []diag.Edit{{File: l.path, Offset: k, Length: 0, Text: b.String()}}, nil
	}
	n := lineBreak(src, k)
	if n == 0 {
		return nil, errLayout
	}
	for _, q := range quoted {
		b.WriteString(prefix + q + string(src[k:k+n]))
	}
	return []diag.Edit{{File: l.path, Offset: k + n, Length: 0, Text: b.String()}}, nil
}
