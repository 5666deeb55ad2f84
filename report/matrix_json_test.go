package report

import (
	"fmt"
	"html/template"
	"strings"
	"testing"
)

// TestMatrixDataJSON: the data marshalled ahead prints as html/template
// prints the data itself, whatever the rules hold and however many.
func TestMatrixDataJSON(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(`<script type="application/json" id="d">{{.}}</script>`))
	print := func(v any) string {
		var b strings.Builder
		if err := tmpl.Execute(&b, v); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	tricky := []string{"plain", "</script><!--", "a & b <c>", "line\u2028sep\u2029", "bad \xff utf-8", `quote " \ '`, "tab\tnl\n"}
	for _, n := range []int{0, 1, rulesChunk - 1, rulesChunk, 2*rulesChunk + 7} {
		d := matrixData{
			Techniques:  map[string]matrixTechnique{"T1": {Name: "x</script>", Watch: []matrixRef{{ID: "AN1", Name: tricky[3]}}}},
			Cells:       map[string]matrixCellData{"execution/T1": {Direct: []int{0, 1}, Evidence: map[int]string{1: tricky[1]}}},
			Mitigations: map[string]string{}, Components: map[string]matrixRef{}, Tactics: map[string]string{"execution": "Execution"},
			Levels: heatLevels, WatchOn: "Linux",
		}
		for i := range n {
			s := tricky[i%len(tricky)]
			d.Rules = append(d.Rules, matrixRule{Name: fmt.Sprint("Rule ", i), Desc: s, Where: s,
				Findings: []matrixFinding{{Code: "FM001", Message: s}}})
		}
		js, err := d.marshal()
		if err != nil {
			t.Fatal(err)
		}
		if got, want := print(template.JS(js.String())), print(d); got != want {
			t.Errorf("%d rules: marshalled ahead\n%.300s\nwant\n%.300s", n, got, want)
		}
	}
}
