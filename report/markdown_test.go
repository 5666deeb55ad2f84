package report_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/report"
)

// TestMarkdownLongListCollapses: a file with many findings is folded into
// <details>, a short one is not, and table cells survive a | in a value.
func TestMarkdownLongListCollapses(t *testing.T) {
	rep := &check.Report{}
	add := func(file string, n int) {
		for i := range n {
			rep.Findings = append(rep.Findings, check.Finding{
				Diagnostic: diag.Diagnostic{Code: "duplicate-tag", Severity: diag.Warning, Message: "a | b",
					Range: diag.Range{File: file, Start: diag.Pos{Line: i + 1, Column: 1}}},
				Rule: fmt.Sprintf("R%d", i), Tag: "x|y",
			})
		}
	}
	add("long.yaml", 11)
	add("short.yaml", 2)
	var buf bytes.Buffer
	if err := (report.Markdown{}).Write(&buf, rep); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, "<details><summary><code>long.yaml</code>: 11 findings</summary>") {
		t.Errorf("long list not collapsed:\n%s", out)
	}
	if strings.Contains(out, "<code>short.yaml</code>") || !strings.Contains(out, "#### `short.yaml`") {
		t.Errorf("short list collapsed:\n%s", out)
	}
	if !strings.Contains(out, "| a \\| b |") || !strings.Contains(out, "`x\\|y`") {
		t.Errorf("| not escaped in cells:\n%s", out)
	}
	if !strings.Contains(out, "| [`duplicate-tag`]("+report.DocURL("duplicate-tag")+") | 🟠 warning | 13 |") {
		t.Errorf("counts by code missing:\n%s", out)
	}
}
