package report

import (
	"bufio"
	"html/template"
	"strings"
	"testing"
)

// TestHTMLText: writeHTMLText escapes as html/template does in text.
func TestHTMLText(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(`<td>{{.}}</td><td><code>{{.}}</code></td>`))
	for _, s := range append(jsonTricky, "a+b 'c' \"d\" \x00 &amp; \r\n \ufdd0 \uffff") {
		var want strings.Builder
		if err := tmpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		var got strings.Builder
		b := bufio.NewWriter(&got)
		b.WriteString("<td>")
		writeHTMLText(b, s)
		b.WriteString("</td><td><code>")
		writeHTMLText(b, s)
		b.WriteString("</code></td>")
		b.Flush()
		if got.String() != want.String() {
			t.Errorf("%q: wrote %q, want %q", s, got.String(), want.String())
		}
	}
}
