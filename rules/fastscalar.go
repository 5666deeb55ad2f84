package rules

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// plainStart reports whether c may start a plain scalar here; '-' only
// when not an entry, checked by the caller.
func plainStart(c byte) bool {
	switch c {
	case '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ' ', '\n':
		return false
	}
	return true
}

// plain reads a plain scalar in a block, its continuation lines indented
// more than column ind+1, folded as YAML folds them.
func (d *fastDecoder) plain(ind int) *yaml.Node {
	if !plainStart(d.src[d.i]) {
		d.bail()
	}
	n := d.node(yaml.ScalarNode, "", "", d.line, d.col())
	start := d.i
	end, more := d.plainLine()
	value := d.text[start:end]
	breaks := 0
	cont := more && d.continued(ind, &breaks)
	if !cont {
		n.Value, n.Tag = value, plainTag(value)
		return n
	}
	var b strings.Builder
	b.WriteString(value)
	for cont {
		if breaks == 0 {
			b.WriteByte(' ')
		}
		for range breaks {
			b.WriteByte('\n')
		}
		d.toContent()
		start := d.i
		end, more = d.plainLine()
		b.WriteString(d.text[start:end])
		cont = more && d.continued(ind, &breaks)
	}
	n.Value = b.String()
	n.Tag = plainTag(n.Value)
	return n
}

// continued moves the cursor from the end of a plain scalar's line past
// blank lines, counted in breaks, to the next line, and reports whether
// the scalar continues on it: it is indented more than column ind+1 and
// is not a comment. If not, the cursor is at that line's start.
func (d *fastDecoder) continued(ind int, breaks *int) bool {
	*breaks = 0
	d.nextLine()
	for d.i < len(d.src) {
		j := d.i
		for j < len(d.src) && d.src[j] == ' ' {
			j++
		}
		if j < len(d.src) && d.src[j] != '\n' {
			return j-d.ls > ind && d.src[j] != '#'
		}
		*breaks++
		d.nextLine()
	}
	return false
}

// plainLine reads a plain scalar's text on the cursor's line and returns
// where it ends (trailing spaces dropped) and whether it may continue on
// the next line: not when a comment ends it. A ": " in it would make it a
// key, or an error: not ours.
func (d *fastDecoder) plainLine() (end int, more bool) {
	j := d.i
	end = j
	for j < len(d.src) && d.src[j] != '\n' {
		c := d.src[j]
		switch {
		case c == ':' && (j+1 == len(d.src) || d.src[j+1] == ' ' || d.src[j+1] == '\n'):
			d.bail()
		case c == '#' && j > 0 && d.src[j-1] == ' ':
			d.i = j
			d.nextLine()
			return end, false
		case c != ' ':
			end = j + 1
		}
		j++
	}
	d.i = j
	return end, true
}

// quoted reads a single- or double-quoted scalar that ends on its line.
func (d *fastDecoder) quoted(q byte) *yaml.Node {
	style := yaml.SingleQuotedStyle
	if q == '"' {
		style = yaml.DoubleQuotedStyle
	}
	n := d.node(yaml.ScalarNode, "!!str", "", d.line, d.col())
	n.Style = style
	j := d.i + 1
	start := j
	var b []byte // nil while the value is src as written
	for {
		if j == len(d.src) || d.src[j] == '\n' {
			d.bail() // a scalar on several lines
		}
		c := d.src[j]
		if c == q {
			if q == '\'' && j+1 < len(d.src) && d.src[j+1] == '\'' {
				b = append(append(b, d.src[start:j]...), '\'')
				j += 2
				start = j
				continue
			}
			break
		}
		if c == '\\' && q == '"' {
			if j+1 == len(d.src) {
				d.bail()
			}
			r, ok := simpleEscape(d.src[j+1])
			if !ok {
				d.bail()
			}
			b = append(append(b, d.src[start:j]...), r)
			j += 2
			start = j
			continue
		}
		j++
	}
	if b == nil {
		n.Value = d.text[start:j]
	} else {
		n.Value = string(append(b, d.src[start:j]...))
	}
	d.i = j + 1
	return n
}

// simpleEscape returns the byte a one-byte double-quoted escape stands
// for; the others (\x, \u, \N, line continuations) are left to yaml.v3.
func simpleEscape(c byte) (byte, bool) {
	switch c {
	case '\\', '"', '\'':
		return c, true
	case ' ':
		return ' ', true
	case 'n':
		return '\n', true
	case 't':
		return '\t', true
	case 'r':
		return '\r', true
	case '0':
		return 0, true
	case 'a':
		return '\a', true
	case 'b':
		return '\b', true
	case 'v':
		return '\v', true
	case 'f':
		return '\f', true
	case 'e':
		return 0x1B, true
	}
	return 0, false
}

// flowSeq reads a flow sequence of scalars and flow sequences, over lines
// that do not start in column 1.
func (d *fastDecoder) flowSeq() *yaml.Node {
	n := d.node(yaml.SequenceNode, "!!seq", "", d.line, d.col())
	n.Style = yaml.FlowStyle
	mark := d.enter()
	d.i++ // [
	d.flowSpace()
	if d.src[d.i] == ']' {
		d.i++
		d.leave(n, mark)
		return n
	}
	for {
		var el *yaml.Node
		switch c := d.src[d.i]; c {
		case '[':
			el = d.flowSeq()
		case '\'', '"':
			el = d.quoted(c)
		default:
			el = d.flowPlain()
		}
		d.stack = append(d.stack, el)
		d.flowSpace()
		if d.src[d.i] == ']' {
			d.i++
			break
		}
		if d.src[d.i] != ',' {
			d.bail()
		}
		d.i++
		d.flowSpace()
		if d.src[d.i] == ']' {
			d.bail() // a trailing comma
		}
	}
	d.leave(n, mark)
	return n
}

// flowSpace moves over spaces and line breaks inside a flow collection to
// the next token, which must exist; comments are left to yaml.v3.
func (d *fastDecoder) flowSpace() {
	for {
		d.skipSpaces()
		if d.i == len(d.src) || d.src[d.i] == '#' {
			d.bail()
		}
		if d.src[d.i] != '\n' {
			return
		}
		d.nextLine()
		if d.indent() == 0 {
			// yaml.v3 does not hold flow lines to the block's
			// indentation ("  ]" under its key is common), but column 1
			// may start a document marker.
			d.bail()
		}
	}
}

// flowPlain reads a plain scalar inside a flow collection, on one line.
func (d *fastDecoder) flowPlain() *yaml.Node {
	c := d.src[d.i]
	if !plainStart(c) || c == '-' {
		d.bail()
	}
	n := d.node(yaml.ScalarNode, "", "", d.line, d.col())
	start, end := d.i, d.i
	for d.i < len(d.src) {
		c := d.src[d.i]
		if c == ',' || c == ']' || c == '\n' {
			break
		}
		switch c {
		case ':', '?', '[', '{', '}':
			// yaml.v3 ends a flow scalar at '?' too.
			d.bail()
		case '#':
			if d.src[d.i-1] == ' ' {
				d.bail()
			}
		}
		if c != ' ' {
			end = d.i + 1
		}
		d.i++
	}
	if d.i < len(d.src) && d.src[d.i] == '\n' {
		// A scalar continued on the next line is folded; only ',' or
		// ']' may follow it there.
		k := d.i
		for k < len(d.src) && (d.src[k] == ' ' || d.src[k] == '\n') {
			k++
		}
		if k == len(d.src) || d.src[k] != ',' && d.src[k] != ']' {
			d.bail()
		}
	}
	n.Value = d.text[start:end]
	n.Tag = plainTag(n.Value)
	return n
}

// blockScalar reads a literal or folded scalar whose indicator is at the
// cursor, the value of a key or dash in column ind+1, and leaves the
// cursor at the start of the first line after it.
func (d *fastDecoder) blockScalar(ind int, folded bool) *yaml.Node {
	n := d.node(yaml.ScalarNode, "!!str", "", d.line, d.col())
	n.Style = yaml.LiteralStyle
	if folded {
		n.Style = yaml.FoldedStyle
	}
	d.i++
	chomp := byte(0)
	if d.i < len(d.src) && (d.src[d.i] == '-' || d.src[d.i] == '+') {
		chomp = d.src[d.i]
		d.i++
	}
	if d.i < len(d.src) && d.src[d.i] >= '0' && d.src[d.i] <= '9' {
		d.bail() // an indentation indicator
	}
	d.skipSpaces()
	if d.i < len(d.src) && d.src[d.i] != '\n' && d.src[d.i] != '#' {
		d.bail()
	}
	d.nextLine()
	if d.i == len(d.src) {
		d.bail()
	}
	blockInd := d.indent()
	if blockInd <= ind || d.ls+blockInd == len(d.src) || d.src[d.ls+blockInd] == '\n' {
		d.bail() // empty, or opening with a blank line
	}

	var b strings.Builder
	leadingBreak, leadingBlank := false, false
	trailing := 0 // line breaks of blank lines since the last content line
	for d.i < len(d.src) {
		sp := d.indent()
		lineEnd := d.ls + sp
		for lineEnd < len(d.src) && d.src[lineEnd] != '\n' {
			lineEnd++
		}
		if d.ls+sp == lineEnd && sp <= blockInd {
			// A blank line, as short as the indentation or shorter.
			if lineEnd == len(d.src) {
				break
			}
			trailing++
			d.nextLine()
			continue
		}
		if sp < blockInd {
			break
		}
		text := d.src[d.ls+blockInd : lineEnd]
		blank := text[0] == ' '
		if folded && leadingBreak && !leadingBlank && !blank {
			if trailing == 0 {
				b.WriteByte(' ')
			}
		} else if leadingBreak {
			b.WriteByte('\n')
		}
		for range trailing {
			b.WriteByte('\n')
		}
		trailing = 0
		leadingBlank = blank
		b.Write(text)
		leadingBreak = lineEnd < len(d.src)
		d.i = lineEnd
		d.nextLine()
	}
	if chomp != '-' && leadingBreak {
		b.WriteByte('\n')
	}
	if chomp == '+' {
		for range trailing {
			b.WriteByte('\n')
		}
	}
	n.Value = b.String()
	return n
}

// plainTag is the tag yaml.v3 resolves a plain scalar to. Values that
// might be numbers or timestamps are left to yaml.v3's own resolver,
// which ShortTag runs on an untagged scalar.
func plainTag(s string) string {
	if s == "" {
		return "!!null"
	}
	switch s[0] {
	case '+', '-', '.', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		n := yaml.Node{Kind: yaml.ScalarNode, Value: s}
		return n.ShortTag()
	case '~', 'n', 'N', 't', 'T', 'f', 'F', '<':
		switch s {
		case "~", "null", "Null", "NULL":
			return "!!null"
		case "true", "True", "TRUE", "false", "False", "FALSE":
			return "!!bool"
		case "<<":
			return "!!merge"
		}
	}
	return "!!str"
}
