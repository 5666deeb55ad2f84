package evidence_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/evidence"
)

var update = flag.Bool("update", false, "rewrite the table in docs/evidence.md")

const (
	tableStart = "<!-- table: generated from evidence.Table by go test ./evidence -update -->\n"
	tableEnd   = "<!-- end of table -->\n"
)

// tableMarkdown renders Table as docs/evidence.md shows it.
func tableMarkdown() string {
	var b strings.Builder
	b.WriteString("| Falco source | Falco side | ATT&CK logs (whole) | channel words | data components | from |\n|---|---|---|---|---|---|\n")
	cell := func(s []string) string { return strings.Join(s, ", ") }
	for _, r := range evidence.Table {
		var falco []string
		if len(r.EventTypes) > 0 {
			falco = append(falco, "event types "+cell(r.EventTypes))
		}
		if len(r.Fields) > 0 {
			falco = append(falco, "fields "+cell(r.Fields))
		}
		if len(falco) == 0 {
			falco = append(falco, "any event")
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s |\n", r.Source, strings.Join(falco, "; "), cell(r.Logs), cell(r.Syscalls), cell(r.Components),
			strings.ReplaceAll(r.From, "|", "\\|"))
	}
	return b.String()
}

// TestDocTable holds docs/evidence.md to the table in the code.
func TestDocTable(t *testing.T) {
	path := filepath.Join("..", "docs", "evidence.md")
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i, j := bytes.Index(doc, []byte(tableStart)), bytes.Index(doc, []byte(tableEnd))
	if i < 0 || j < i {
		t.Fatalf("%s has no table markers", path)
	}
	want := tableMarkdown()
	got := string(doc[i+len(tableStart) : j])
	if got == want {
		return
	}
	if !*update {
		t.Fatalf("the table in %s is stale: go test ./evidence -update rewrites it", path)
	}
	out := append(append(append([]byte{}, doc[:i+len(tableStart)]...), want...), doc[j:]...)
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
}
