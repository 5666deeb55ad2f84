package report

import (
	"bufio"
	"strconv"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/coverage"
	"github.com/falcomitre/falcomitre/diag"
)

// The write* functions write what cell, codeCell and the md* links
// return, straight into the document: the overview writes every rule and
// finding of a set, and building each piece as a string first was most
// of its garbage.

// cellEscapes and codeEscapes are what cell and codeCell replace each
// byte with; "\r\n" is replaced as '\n' is.
var cellEscapes, codeEscapes = escapeTable(map[byte]string{
	'\n': " ", '|': `\|`, '&': "&amp;", '<': "&lt;", '>': "&gt;",
}), escapeTable(map[byte]string{
	'\n': " ", '|': `\|`, '`': "'",
})

// escapes are what to replace each byte with ("" for none), and the
// bytes to stop at: those and, when '\n' is replaced, '\r'. Looking each
// byte up once is most of writing a large document.
type escapes struct {
	to   [256]string
	stop [256]bool
}

func escapeTable(m map[byte]string) *escapes {
	var t escapes
	for c, s := range m {
		t.to[c], t.stop[c] = s, true
	}
	t.stop['\r'] = t.stop['\r'] || t.stop['\n']
	return &t
}

// writeCell writes cell(s).
func writeCell(b *bufio.Writer, s string) { writeEscaped(b, s, cellEscapes) }

// writeCode writes codeCell(s).
func writeCode(b *bufio.Writer, s string) { writeEscaped(b, s, codeEscapes) }

func writeEscaped(b *bufio.Writer, s string, esc *escapes) {
	last := 0
	for i := 0; i < len(s); i++ {
		if !esc.stop[s[i]] {
			continue
		}
		c, n := s[i], 1
		if c == '\r' && i+1 < len(s) && s[i+1] == '\n' {
			c, n = '\n', 2
		}
		if esc.to[c] == "" {
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(esc.to[c])
		i += n - 1
		last = i + 1
	}
	b.WriteString(s[last:])
}

// writeInt writes n in decimal.
func writeInt(b *bufio.Writer, n int) {
	b.Write(strconv.AppendInt(b.AvailableBuffer(), int64(n), 10))
}

// writeRange writes codeCell(r.String()).
func writeRange(b *bufio.Writer, r diag.Range) {
	writeCode(b, r.File)
	if !r.Start.IsValid() {
		return
	}
	b.WriteByte(':')
	writeInt(b, r.Start.Line)
	b.WriteByte(':')
	writeInt(b, r.Start.Column)
}

// links are the pages of the ATT&CK objects a document links, each URL
// made once: the overview links one for each tag of every rule.
type links struct {
	tactics    map[*attack.Tactic]string
	techniques map[*attack.Technique]string
}

func newLinks() *links {
	return &links{tactics: map[*attack.Tactic]string{}, techniques: map[*attack.Technique]string{}}
}

func (l *links) tactic(t *attack.Tactic) string {
	u, ok := l.tactics[t]
	if !ok {
		u = t.URL()
		l.tactics[t] = u
	}
	return u
}

func (l *links) technique(t *attack.Technique) string {
	u, ok := l.techniques[t]
	if !ok {
		u = t.URL()
		l.techniques[t] = u
	}
	return u
}

// writeTactic writes mdTactic(t).
func (l *links) writeTactic(b *bufio.Writer, t *attack.Tactic) {
	b.WriteByte('[')
	writeCell(b, t.Name)
	b.WriteString("](")
	b.WriteString(l.tactic(t))
	b.WriteByte(')')
}

// writeTechnique writes mdTechnique(t).
func (l *links) writeTechnique(b *bufio.Writer, t *attack.Technique) {
	writeLink(b, t.ID, t.Name, l.technique(t))
}

// writeLink writes "[id name](url)", name escaped as a cell.
func writeLink(b *bufio.Writer, id, name, url string) {
	b.WriteByte('[')
	b.WriteString(id)
	b.WriteByte(' ')
	writeCell(b, name)
	b.WriteString("](")
	b.WriteString(url)
	b.WriteByte(')')
}

// writeTechniqueTag shows a technique tag: linked with its name when
// known, marked when it counts for nothing.
func (l *links) writeTechniqueTag(b *bufio.Writer, t coverage.TechniqueTag) {
	if t.Technique == nil {
		b.WriteByte('`')
		writeCode(b, t.Tag)
		b.WriteString("` (unknown)")
		return
	}
	l.writeTechnique(b, t.Technique)
	switch {
	case t.Technique.Revoked:
		b.WriteString(" (revoked)")
	case t.Technique.Deprecated:
		b.WriteString(" (deprecated)")
	}
}

// writeCompliance writes mdCompliance(tag).
func writeCompliance(b *bufio.Writer, tag string) {
	u := ComplianceURL(tag)
	if u == "" {
		writeCell(b, tag)
		return
	}
	b.WriteByte('[')
	writeCell(b, tag)
	b.WriteString("](")
	b.WriteString(u)
	b.WriteByte(')')
}

// writeJoined writes each item with write, ", " between them.
func writeJoined[T any](b *bufio.Writer, items []T, write func(*bufio.Writer, T)) {
	for i, it := range items {
		writeSep(b, i)
		write(b, it)
	}
}

// writeSep writes ", " before every item but the first.
func writeSep(b *bufio.Writer, i int) {
	if i > 0 {
		b.WriteString(", ")
	}
}
