package report

import (
	"bufio"

	"github.com/falcomitre/falcomitre/coverage"
)

// The template prints a mark where the page's data goes, and another
// where the rows of the tags that count for nothing go; markWriter
// writes those instead. Printed from the template, the data was copied
// whole into a buffer of fmt's first, and each of a large set's tens of
// thousands of rows cost reflection. Trusted as template.JS and
// template.HTML, a mark prints unchanged, in one Write.
const (
	dataMark      = "\x00matrix-data\x00"
	uncountedMark = "\x00matrix-uncounted\x00"
)

// markWriter writes the template's output, and for each mark what its
// function writes; each mark is written once, and then forgotten.
type markWriter struct {
	w     *bufio.Writer
	marks map[string]func(*bufio.Writer) error
}

func (m *markWriter) Write(p []byte) (int, error) {
	if len(p) == 0 || p[0] != 0 {
		return m.w.Write(p)
	}
	write, ok := m.marks[string(p)]
	if !ok {
		return m.w.Write(p)
	}
	delete(m.marks, string(p))
	return len(p), write(m.w)
}

// writeUncountedRows writes the table rows of the tags that count for
// nothing, escaped as html/template escapes text.
func writeUncountedRows(b *bufio.Writer, us []coverage.Uncounted) {
	for _, u := range us {
		b.WriteString("\n<tr><td>")
		writeHTMLText(b, u.Rule.Name)
		b.WriteString("</td><td><code>")
		writeHTMLText(b, u.Tag)
		b.WriteString("</code></td><td>")
		writeHTMLText(b, reasonText(u))
		b.WriteString("</td></tr>")
	}
	b.WriteByte('\n')
}

// htmlTextEscapes are what html/template replaces in text: all ASCII,
// so that other bytes, even invalid UTF-8, pass as they are.
var htmlTextEscapes = escapeTable(map[byte]string{
	0: "\uFFFD", '"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;",
})

// writeHTMLText writes s as html/template prints a string in text.
func writeHTMLText(b *bufio.Writer, s string) {
	writeEscaped(b, s, htmlTextEscapes)
}
