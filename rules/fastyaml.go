package rules

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// fastDecode builds the node tree yaml.v3's Decoder gives for src, a
// single document, when src keeps to the plain subset of YAML that rules
// files are written in: ASCII without tabs or CRs, a block sequence of
// block mappings with simple keys, plain, quoted and block scalars, and
// flow sequences. Anything else, and any doubt, returns false, and the
// caller decodes with yaml.v3, which also gives the error for bad input.
//
// It exists for speed: yaml.v3 scans 33 MB of 100k rules in 1.2 s of wall
// time on 2 cores and allocates every node alone; this reads the same in a
// tenth of that, nodes in blocks, values sharing one string per call.
// FuzzFastDecode holds it to yaml.v3's trees, comments aside (rules do
// not read them).
//
// Lines are numbered from firstLine+1, as when src starts a file's line
// firstLine+1.
//
// The nodes come from a, which may be nil; they are a's until its reset.
func fastDecode(src []byte, firstLine int, a *nodeArena) (doc *yaml.Node, ok bool) {
	if !fastInput(src) {
		return nil, false
	}
	if a == nil {
		a = new(nodeArena)
	}
	a.stack = a.stack[:0] // a bail may have left some
	d := &fastDecoder{nodeArena: a, src: src, text: string(src), line: firstLine + 1}
	defer func() {
		// A bail deep in the tree unwinds here. So would a bug: yaml.v3
		// then decodes the input, so that a run never fails for one;
		// the tests make it fail them.
		if r := recover(); r != nil {
			if r != errFastBail && fastStrict {
				panic(r)
			}
			doc, ok = nil, false
		}
	}()
	d.skipBlankLines()
	if d.i >= len(src) || d.indent() != 0 || !d.dashAt(d.i) {
		d.bail()
	}
	root := d.blockSeq(0, false)
	if d.i < len(src) {
		d.bail() // something after the sequence: not ours to judge
	}
	doc = d.node(yaml.DocumentNode, "", "", root.Line, root.Column)
	d.stack = append(d.stack[:0], root)
	doc.Content = d.content(d.stack)
	d.stack = d.stack[:0]
	return doc, true
}

// fastInput reports whether src has only the bytes fastDecode handles
// (printable ASCII and LF) and no line that starts a directive or may
// start a document marker.
func fastInput(src []byte) bool {
	bol := true
	for i, c := range src {
		if c < ' ' && c != '\n' || c >= 0x7F {
			return false
		}
		if bol && (c == '%' || (c == '-' || c == '.') && i+2 < len(src) && src[i+1] == c && src[i+2] == c) {
			return false
		}
		bol = c == '\n'
	}
	return true
}

// fastStrict makes a panic in fastDecode a panic, for the tests.
var fastStrict = false

type fastBail struct{}

var errFastBail = &fastBail{}

// fastDecoder is one fastDecode call: a cursor over src, the line it is
// on, and the arena the nodes come from.
type fastDecoder struct {
	*nodeArena
	src  []byte
	text string // src as a string, whose substrings are the plain values
	i    int    // the cursor
	ls   int    // the start of the cursor's line
	line int    // the cursor's line number

	depth int
}

func (d *fastDecoder) bail() { panic(errFastBail) }

// nodeArena hands out nodes and Content slices from blocks it keeps for
// the next decoding once reset: the chunks of a large file are decoded one
// after the other, and fresh memory costs more than the decoding.
type nodeArena struct {
	nodeBlocks [][]yaml.Node
	ptrBlocks  [][]*yaml.Node
	nb, pb     int // the blocks in use
	nodes      []yaml.Node
	ptrs       []*yaml.Node
	stack      []*yaml.Node // children of the collections being read
}

const arenaBlock = 1024

// reset takes back every node and slice handed out.
func (a *nodeArena) reset() {
	a.nb, a.pb, a.nodes, a.ptrs = 0, 0, nil, nil
}

// node returns a node set to the arguments, every other field zero.
func (a *nodeArena) node(kind yaml.Kind, tag, value string, line, col int) *yaml.Node {
	if len(a.nodes) == 0 {
		if a.nb == len(a.nodeBlocks) {
			a.nodeBlocks = append(a.nodeBlocks, make([]yaml.Node, arenaBlock))
		}
		a.nodes = a.nodeBlocks[a.nb]
		a.nb++
	}
	n := &a.nodes[0]
	a.nodes = a.nodes[1:]
	// Field by field: the others (anchors, aliases, comments) are never
	// set here, and a whole-struct write costs their write barriers too.
	n.Kind, n.Style, n.Tag, n.Value, n.Content, n.Line, n.Column = kind, 0, tag, value, nil, line, col
	return n
}

// content copies children into a block, capped so that an append to one
// node's Content cannot overwrite the next one's.
func (a *nodeArena) content(children []*yaml.Node) []*yaml.Node {
	n := len(children)
	if n > arenaBlock {
		return append([]*yaml.Node(nil), children...)
	}
	if n > len(a.ptrs) {
		if a.pb == len(a.ptrBlocks) {
			a.ptrBlocks = append(a.ptrBlocks, make([]*yaml.Node, arenaBlock))
		}
		a.ptrs = a.ptrBlocks[a.pb]
		a.pb++
	}
	c := a.ptrs[:n:n]
	a.ptrs = a.ptrs[n:]
	copy(c, children)
	return c
}

// col is the cursor's column, counted from 1 as yaml.v3 marks.
func (d *fastDecoder) col() int { return d.i - d.ls + 1 }

// indent is the number of spaces that start the cursor's line.
func (d *fastDecoder) indent() int {
	j := d.ls
	for j < len(d.src) && d.src[j] == ' ' {
		j++
	}
	return j - d.ls
}

// nextLine moves the cursor to the start of the next line.
func (d *fastDecoder) nextLine() {
	for d.i < len(d.src) && d.src[d.i] != '\n' {
		d.i++
	}
	if d.i < len(d.src) {
		d.i++
		d.line++
	}
	d.ls = d.i
}

// skipBlankLines moves the cursor from a line's start past blank and
// comment-only lines to the first space of the next line with content.
func (d *fastDecoder) skipBlankLines() {
	for d.i < len(d.src) {
		j := d.i
		for j < len(d.src) && d.src[j] == ' ' {
			j++
		}
		if j < len(d.src) && d.src[j] != '\n' && d.src[j] != '#' {
			return
		}
		d.nextLine()
	}
}

// toContent moves the cursor over the current line's indentation.
func (d *fastDecoder) toContent() { d.i = d.ls + d.indent() }

// dashAt reports whether a block sequence entry starts at j: "-" then a
// space or the end of a line.
func (d *fastDecoder) dashAt(j int) bool {
	return d.src[j] == '-' && (j+1 == len(d.src) || d.src[j+1] == ' ' || d.src[j+1] == '\n')
}

// skipSpaces moves the cursor over spaces on its line.
func (d *fastDecoder) skipSpaces() {
	for d.i < len(d.src) && d.src[d.i] == ' ' {
		d.i++
	}
}

// endLine checks that only spaces and a comment are left on the line and
// moves to the next one.
func (d *fastDecoder) endLine() {
	start := d.i
	d.skipSpaces()
	if d.i < len(d.src) && d.src[d.i] != '\n' {
		if d.src[d.i] != '#' || d.i == start {
			d.bail()
		}
	}
	d.nextLine()
}

// enter and leave bound the nesting, which rules files keep shallow.
func (d *fastDecoder) enter() int {
	if d.depth++; d.depth > 64 {
		d.bail()
	}
	return len(d.stack)
}

func (d *fastDecoder) leave(n *yaml.Node, mark int) {
	n.Content = d.content(d.stack[mark:])
	clear(d.stack[mark:])
	d.stack = d.stack[:mark]
	d.depth--
}

// blockSeq reads a block sequence whose dashes are in column ind+1, the
// cursor on the first dash. An indentless sequence (the value of a key in
// the same column) ends at the next line in that column that is not an
// entry; any other ends at a line less indented.
func (d *fastDecoder) blockSeq(ind int, indentless bool) *yaml.Node {
	seq := d.node(yaml.SequenceNode, "!!seq", "", d.line, d.col())
	mark := d.enter()
	for {
		d.i++ // the dash
		d.skipSpaces()
		if d.i == len(d.src) || d.src[d.i] == '\n' || d.src[d.i] == '#' {
			d.bail() // an entry on the lines below, or an empty one
		}
		d.stack = append(d.stack, d.inline(ind, true))
		if !d.nextEntry(ind) {
			break
		}
		if !d.dashAt(d.i) {
			if indentless {
				break
			}
			d.bail()
		}
	}
	d.leave(seq, mark)
	return seq
}

// nextEntry moves past blank lines to the next entry of a block
// collection in column ind+1, the cursor on it, and reports whether there
// is one: a line less indented ends the collection, and one more
// indented is not ours.
func (d *fastDecoder) nextEntry(ind int) bool {
	d.skipBlankLines()
	if d.i == len(d.src) {
		return false
	}
	next := d.indent()
	if next < ind {
		return false
	}
	if next > ind {
		d.bail()
	}
	d.toContent()
	return true
}

// blockMap reads a block mapping whose keys are in column ind+1, the
// cursor on the first key.
func (d *fastDecoder) blockMap(ind int) *yaml.Node {
	m := d.node(yaml.MappingNode, "!!map", "", d.line, d.col())
	mark := d.enter()
	for {
		end := d.keyEnd(d.i)
		if end < 0 {
			d.bail()
		}
		key := d.text[d.i:end]
		d.stack = append(d.stack, d.node(yaml.ScalarNode, plainTag(key), key, d.line, d.col()))
		d.i = end + 1 // the colon
		d.skipSpaces()
		if d.i == len(d.src) || d.src[d.i] == '\n' || d.src[d.i] == '#' {
			d.stack = append(d.stack, d.below(ind))
		} else {
			d.stack = append(d.stack, d.inline(ind, false))
		}
		if !d.nextEntry(ind) {
			break
		}
		if d.dashAt(d.i) {
			d.bail() // an entry among keys
		}
	}
	d.leave(m, mark)
	return m
}

// keyEnd returns the offset of the colon ending a simple key at j
// (letters, digits, '_' and '-', then ':' and a space or a line end), or
// -1.
func (d *fastDecoder) keyEnd(j int) int {
	start := j
	for j < len(d.src) {
		c := d.src[j]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_':
		case c == '-' && j > start:
		case c == ':' && j > start && j-start <= 128:
			if j+1 == len(d.src) || d.src[j+1] == ' ' || d.src[j+1] == '\n' {
				return j
			}
			return -1
		default:
			return -1
		}
		j++
	}
	return -1
}

// below reads a mapping value written on the lines after its key in
// column ind+1; the cursor is after the colon.
func (d *fastDecoder) below(ind int) *yaml.Node {
	d.endLine()
	d.skipBlankLines()
	if d.i == len(d.src) {
		d.bail() // an empty value
	}
	next := d.indent()
	d.toContent()
	switch {
	case next == ind && d.dashAt(d.i):
		return d.blockSeq(ind, true)
	case next <= ind:
		d.bail() // an empty value
	case d.dashAt(d.i):
		return d.blockSeq(next, false)
	case d.keyEnd(d.i) >= 0:
		return d.blockMap(next)
	}
	return d.plain(ind)
}

// inline reads the value that starts at the cursor, on the line of its key
// or dash in column ind+1. In a sequence entry a simple key starts a
// compact mapping.
func (d *fastDecoder) inline(ind int, entry bool) *yaml.Node {
	switch c := d.src[d.i]; c {
	case '[':
		n := d.flowSeq()
		d.endLine()
		return n
	case '\'', '"':
		n := d.quoted(c)
		d.endLine()
		return n
	case '|', '>':
		return d.blockScalar(ind, c == '>')
	case '-':
		if d.dashAt(d.i) {
			d.bail() // a sequence in a sequence
		}
	}
	if entry && d.keyEnd(d.i) >= 0 {
		return d.blockMap(d.col() - 1)
	}
	return d.plain(ind)
}

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
