package report

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/diag"
)

// Markdown writes the report as a pull-request comment in GitHub Flavored
// Markdown (https://github.github.com/gfm/): counts by severity and by
// code, then a table of findings per file with links to each check's page
// and each technique's page on attack.mitre.org. A file with more findings
// than fit on a screen gets its table in a collapsed <details> block, so
// that a long report does not bury the discussion.
type Markdown struct{}

// collapseAfter is how many findings a file may have before its table is
// collapsed.
const collapseAfter = 10

// markdownSeverity maps a severity to its label, in one place.
func markdownSeverity(s diag.Severity) string {
	switch s {
	case diag.Error:
		return "🔴 error"
	case diag.Warning:
		return "🟠 warning"
	case diag.Note:
		return "🔵 note"
	}
	return s.String()
}

// Write implements Writer.
func (Markdown) Write(w io.Writer, r *check.Report) error {
	// Buffered, not built whole: 120k findings are 50 MB of Markdown.
	b := bufio.NewWriterSize(w, 64<<10)
	fmt.Fprintf(b, "### falcomitre: %s\n\n", Summary(r))
	if len(r.Findings) == 0 {
		b.WriteString("No findings: every ATT&CK tag checks out.\n")
	} else {
		markdownCounts(b, r.Findings)
		markdownFindings(b, r.Findings)
	}
	if n := len(r.Suppressed); n > 0 {
		fmt.Fprintf(b, "\n%s suppressed by `# falcomitre:ignore` comments.\n", plural(n, "finding"))
	}
	if len(r.Errors) > 0 {
		b.WriteString("\n#### Inputs that could not be checked\n\n")
		for _, err := range r.Errors {
			var ie *diag.InputError
			if errors.As(err, &ie) && ie.Range.File != "" {
				fmt.Fprintf(b, "- `%s`: %s\n", ie.Range, cell(ie.Msg))
			} else {
				fmt.Fprintf(b, "- %s\n", cell(err.Error()))
			}
		}
	}
	return b.Flush()
}

// markdownCounts writes the counts by severity and by code, most serious
// first.
func markdownCounts(b *bufio.Writer, fs []check.Finding) {
	type row struct {
		code string
		sev  diag.Severity
		n    int
	}
	var rows []row
	at := map[string]int{}
	for _, f := range fs {
		i, ok := at[f.Code]
		if !ok {
			i = len(rows)
			at[f.Code] = i
			rows = append(rows, row{code: f.Code, sev: f.Severity})
		}
		rows[i].n++
		rows[i].sev = max(rows[i].sev, f.Severity)
	}
	slices.SortFunc(rows, func(a, b row) int {
		return cmp.Or(cmp.Compare(b.sev, a.sev), cmp.Compare(b.n, a.n), cmp.Compare(a.code, b.code))
	})
	b.WriteString("| check | severity | findings |\n|---|---|---:|\n")
	for _, r := range rows {
		fmt.Fprintf(b, "| [`%s`](%s) | %s | %d |\n", r.code, DocURL(r.code), markdownSeverity(r.sev), r.n)
	}
}

// markdownFindings writes a table of findings per file, in report order.
func markdownFindings(b *bufio.Writer, fs []check.Finding) {
	row := &markdownRow{docs: map[string]string{}}
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
		for i := range group {
			row.write(b, &group[i])
		}
		if collapse {
			b.WriteString("\n</details>\n")
		}
	}
}

// markdownRow writes a finding's row in pieces, with no string made for
// it but the check's link, once per code: 120k rows made with fmt cost
// more than the checks.
type markdownRow struct {
	num  []byte
	docs map[string]string // DocURL by code
}

func (m *markdownRow) write(b *bufio.Writer, f *check.Finding) {
	m.num = append(m.num[:0], "| "...)
	m.num = strconv.AppendInt(m.num, int64(f.Range.Start.Line), 10)
	m.num = append(m.num, ':')
	m.num = strconv.AppendInt(m.num, int64(f.Range.Start.Column), 10)
	b.Write(m.num)
	b.WriteString(" | ")
	b.WriteString(markdownSeverity(f.Severity))
	b.WriteString(" | [`")
	b.WriteString(f.Code)
	b.WriteString("`](")
	doc, ok := m.docs[f.Code]
	if !ok {
		doc = DocURL(f.Code)
		m.docs[f.Code] = doc
	}
	b.WriteString(doc)
	b.WriteString(") | ")
	b.WriteString(cell(f.Rule))
	b.WriteString(" | ")
	if f.Tag != "" {
		b.WriteByte('`')
		b.WriteString(codeCell(f.Tag))
		b.WriteByte('`')
	}
	b.WriteString(" | ")
	b.WriteString(cell(f.Message))
	if t := f.Technique; t != nil {
		b.WriteString(" ([")
		b.WriteString(t.ID)
		b.WriteByte(' ')
		b.WriteString(cell(t.Name))
		b.WriteString("](")
		b.WriteString(t.URL)
		b.WriteString("))")
	}
	b.WriteString(" |\n")
}

// cell makes text safe in a table cell: a | would end the cell and a line
// break the row, and < could open an HTML tag.
func cell(s string) string {
	if !strings.ContainsAny(s, "\n|&<>") {
		return s
	}
	return htmlEscape(breakReplacer.Replace(s))
}

// codeCell is cell for the inside of a code span, where entities are
// not read and only | and line breaks matter.
func codeCell(s string) string {
	if !strings.ContainsAny(s, "\n|`") {
		return s
	}
	return codeReplacer.Replace(s)
}

func htmlEscape(s string) string { return htmlReplacer.Replace(s) }

// The replacers, built once (and lazily, by strings.Replacer itself): the
// coverage documents escape every rule, tag and finding of a set, and
// building them per call dominated writing 100k rules. A Replacer is safe
// for concurrent use.
var (
	breakReplacer = strings.NewReplacer("\r\n", " ", "\n", " ", "|", `\|`)
	htmlReplacer  = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	codeReplacer  = strings.NewReplacer("\r\n", " ", "\n", " ", "|", `\|`, "`", "'")
)
