package report

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/diag"
)

// TestMarkdownRows holds the findings' tables, written in pieces, to the
// bytes the formatting they replaced wrote (formattedMarkdownFindings,
// below), on findings filled at random with what a table cell escapes.
func TestMarkdownRows(t *testing.T) {
	words := []string{"", "plain", "a.yaml", "b.yaml", "a|b", "x`y", "nl\ncrnl\r\n", "<&>", "日本語"}
	r := rand.New(rand.NewPCG(13, 14))
	for i := range 300 {
		var rep check.Report
		fill(r, reflect.ValueOf(&rep).Elem(), words, 0)
		for j := range rep.Findings {
			rep.Findings[j].Severity = diag.Severity(r.IntN(4))
		}
		var got, want bytes.Buffer
		gw, ww := bufio.NewWriter(&got), bufio.NewWriter(&want)
		markdownFindings(gw, rep.Findings)
		formattedMarkdownFindings(ww, rep.Findings)
		gw.Flush()
		ww.Flush()
		if got.String() != want.String() {
			t.Fatalf("report %d: got\n%s\nwant\n%s", i, got.String(), want.String())
		}
	}
}

// formattedMarkdownFindings is markdownFindings as it was, with fmt.
func formattedMarkdownFindings(b *bufio.Writer, fs []check.Finding) {
	for start := 0; start < len(fs); {
		file := fs[start].Range.File
		end := start
		for end < len(fs) && fs[end].Range.File == file {
			end++
		}
		group := fs[start:end]
		start = end
		collapse := len(group) > collapseAfter
		if collapse {
			fmt.Fprintf(b, "\n<details><summary><code>%s</code>: %s</summary>\n\n", htmlEscape(file), plural(len(group), "finding"))
		} else {
			fmt.Fprintf(b, "\n#### `%s`\n\n", file)
		}
		b.WriteString("| line | severity | check | rule | tag | finding |\n|---:|---|---|---|---|---|\n")
		for _, f := range group {
			tag := ""
			if f.Tag != "" {
				tag = "`" + codeCell(f.Tag) + "`"
			}
			msg := cell(f.Message)
			if t := f.Technique; t != nil {
				msg += fmt.Sprintf(" ([%s %s](%s))", t.ID, cell(t.Name), t.URL)
			}
			fmt.Fprintf(b, "| %d:%d | %s | [`%s`](%s) | %s | %s | %s |\n",
				f.Range.Start.Line, f.Range.Start.Column, markdownSeverity(f.Severity),
				f.Code, DocURL(f.Code), cell(f.Rule), tag, msg)
		}
		if collapse {
			b.WriteString("\n</details>\n")
		}
	}
}
