package fix

import (
	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/rules"
)

// Remove returns the edits that take tag t out of its list. In a flow
// list they remove the tag and one comma beside it, and the whole line
// when the tag had it to itself; in a block list, the tag's line. A
// comment on the tag's line stays, on a line of its own.
func Remove(t rules.Tag) ([]diag.Edit, error) {
	l, err := locate(t)
	if err != nil {
		return nil, err
	}
	var spans [][2]int
	if l.seq.Flow {
		spans, err = l.removeFlow()
	} else {
		spans, err = l.removeBlock()
	}
	if err != nil {
		return nil, err
	}
	edits := make([]diag.Edit, 0, len(spans))
	for _, s := range spans {
		if n := len(edits); n > 0 && edits[n-1].End() == s[0] {
			edits[n-1].Length += s[1] - s[0] // one edit reads better
			continue
		}
		edits = append(edits, diag.Edit{File: l.path, Offset: s[0], Length: s[1] - s[0]})
	}
	return edits, nil
}

// removeBlock removes the lines from the tag's dash to its end, or, when a
// comment follows the tag, the dash and tag only.
func (l *loc) removeBlock() ([][2]int, error) {
	if len(l.seq.Elems) < 2 {
		return nil, errLast
	}
	src := l.src
	k := skipBlanks(src, l.end)
	switch {
	case k >= len(src):
		return [][2]int{{l.el.LineStart, len(src)}}, nil
	case lineBreak(src, k) > 0:
		return [][2]int{{l.el.LineStart, k + lineBreak(src, k)}}, nil
	case src[k] == '#':
		return [][2]int{{l.el.Dash, k}}, nil
	}
	return nil, errLayout
}

// removeFlow removes the tag and the comma after it, or, for the last
// tag, the comma before it.
func (l *loc) removeFlow() ([][2]int, error) {
	src := l.src
	j := skipBlanks(src, l.end)
	if j+1 < len(src) && src[j] == ',' && src[j+1] == '#' {
		// ",#": yaml.v3 reads a # that touches the comma as no comment
		// (found by FuzzApply); what removing the comma makes of it is
		// anyone's guess, so leave such a list alone.
		return nil, errLayout
	}
	if j < len(src) && src[j] == ',' {
		k := skipBlanks(src, j+1)
		if k < len(src) && src[k] == ']' && l.i > 0 {
			// "a, b,]": the list keeps its trailing comma.
			return l.removeLast(j)
		}
		if k < len(src) && src[k] != '#' && lineBreak(src, k) == 0 {
			// "a, b": the next tag (or "]") follows on the same line.
			return [][2]int{{l.start, k}}, nil
		}
		return [][2]int{l.dropToLineEnd(j+1, k)}, nil
	}
	if g := skipGap(src, l.end); g >= len(src) || src[g] != ']' {
		return nil, errLayout
	}
	if l.i == 0 {
		return [][2]int{l.dropToLineEnd(l.end, j)}, nil
	}
	return l.removeLast(j)
}

// removeLast removes the last tag of a flow list and the comma before it;
// j is the first non-blank byte after the tag.
func (l *loc) removeLast(j int) ([][2]int, error) {
	src := l.src
	prev := l.tags[l.i-1].Range.End.Offset
	c := skipGap(src, prev)
	if c >= len(src) || src[c] != ',' || c >= l.start || c+1 < len(src) && src[c+1] == '#' {
		// "a,# note": without the comma the # would touch the tag
		// before it and become part of its text (found by FuzzApply).
		return nil, errLayout
	}
	from := c
	if skipBlanks(src, prev) == c {
		from = prev // "a , b": the blanks before the comma go too
	}
	return [][2]int{{from, c + 1}, l.dropToLineEnd(l.end, j)}, nil
}

// dropToLineEnd returns the span that removes the tag up to after, where
// k is the first non-blank byte from after: the whole line when the tag
// starts it and nothing but blanks follows, up to the comment when one
// follows, else the tag and the blanks before it.
func (l *loc) dropToLineEnd(after, k int) [2]int {
	src := l.src
	ls := lineStart(src, l.start)
	first := allBlank(src[ls:l.start])
	switch {
	case first && (k >= len(src) || lineBreak(src, k) > 0):
		return [2]int{ls, k + lineBreak(src, k)}
	case first && src[k] == '#':
		return [2]int{l.start, k}
	}
	return [2]int{blanksBack(src, l.start, 0), after}
}
