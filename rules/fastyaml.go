package rules

import (
	"unsafe"

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
// tenth of that, nodes in blocks, values sharing src's memory.
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
	d := &fastDecoder{nodeArena: a, src: src, text: sameBytes(src), line: firstLine + 1}
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

// sameBytes is src as a string without a copy. The values of a 33 MB
// file's nodes were 26 MB of copies; a File's Src is never written after
// it is read (File.Src), so the strings stay what they were.
func sameBytes(src []byte) string { return unsafe.String(unsafe.SliceData(src), len(src)) }

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

// bail abandons the fast path from any depth. It never leaves fastDecode:
// the deferred recover there turns it into ok == false, and the caller
// decodes with yaml.v3, so no input reaches a panic.
func (d *fastDecoder) bail() { panic(errFastBail) }

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
