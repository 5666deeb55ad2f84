package report

import (
	"bufio"
	"fmt"
	"html/template"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/coverage"
	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/evidence"
)

// The ref* types are the page's data as encoding/json writes it, for
// writeJSON to write the same.
type refData struct {
	Rules       []refRule                  `json:"rules"`
	Techniques  map[string]matrixTechnique `json:"techniques"`
	Cells       map[string]refCell         `json:"cells"`
	Mitigations map[string]string          `json:"mitigations"`
	Components  map[string]matrixRef       `json:"components"`
	Tactics     map[string]string          `json:"tactics"`
	Levels      []int                      `json:"levels"`
	WatchOn     string                     `json:"watch_on"`
}

type refRule struct {
	Name     string       `json:"name"`
	Maturity string       `json:"maturity"`
	Source   string       `json:"source"`
	Priority string       `json:"priority"`
	Enabled  bool         `json:"enabled"`
	Where    string       `json:"where"`
	Desc     string       `json:"desc"`
	Findings []refFinding `json:"findings,omitempty"`
}

type refFinding struct {
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	URL      string `json:"url"`
}

type refCell struct {
	Direct   []int          `json:"direct,omitempty"`
	Subs     []refSub       `json:"subs,omitempty"`
	Evidence map[int]string `json:"evidence,omitempty"`
}

type refSub struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	URL   string `json:"url"`
	Rules []int  `json:"rules"`
}

func refRuleOf(r *coverage.Rule) refRule {
	hr := refRule{
		Name: r.Name, Maturity: r.Maturity, Source: r.Source, Priority: r.Priority, Enabled: r.Enabled,
		Desc: strings.TrimSpace(r.Desc),
	}
	if r.File != "" {
		hr.Where = r.File + ":" + strconv.Itoa(r.Line)
	}
	for _, f := range r.Findings {
		hr.Findings = append(hr.Findings, refFinding{Code: f.Code, Severity: f.Severity.String(), Message: f.Message, URL: DocURL(f.Code)})
	}
	return hr
}

// refCellOf keeps each rule's best verdict, the first of equals.
func refCellOf(cd matrixCellData) refCell {
	rc := refCell{Direct: cd.direct}
	for _, s := range cd.subs {
		rc.Subs = append(rc.Subs, refSub{ID: s.id, Name: s.name, URL: s.url, Rules: s.rules})
	}
	levels := map[int]evidence.Level{}
	for _, rv := range cd.verdicts {
		if rc.Evidence == nil {
			rc.Evidence = map[int]string{}
		}
		if old, ok := levels[int(rv.rule)]; !ok || rv.v.Level > old {
			rc.Evidence[int(rv.rule)], levels[int(rv.rule)] = evidenceText(rv.v), rv.v.Level
		}
	}
	return rc
}

// TestMatrixDataJSON: the data written piece by piece prints as
// html/template prints the data marshalled whole, whatever the rules and
// cells hold and however many.
func TestMatrixDataJSON(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(`<script type="application/json" id="d">{{.}}</script>`))
	print := func(v any) string {
		var b strings.Builder
		if err := tmpl.Execute(&b, v); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	rng := rand.New(rand.NewPCG(3, 4))
	var verdicts []*evidence.Verdict
	for l := evidence.Unknown; l < evidence.Weak; l++ {
		for _, note := range jsonTricky[:3] {
			verdicts = append(verdicts, &evidence.Verdict{Level: l, Note: note})
		}
	}
	for _, n := range []int{0, 1, 2, 3 * len(jsonTricky), 1500} {
		d := matrixData{
			Techniques:  map[string]matrixTechnique{"T1": {Name: "x</script>", Watch: []matrixRef{{ID: "AN1", Name: jsonTricky[3]}}}},
			Mitigations: map[string]string{}, Components: map[string]matrixRef{}, Tactics: map[string]string{"execution": "Execution"},
			Levels: heatLevels, WatchOn: "Linux",
		}
		want := refData{Techniques: d.Techniques, Cells: map[string]refCell{}, Mitigations: d.Mitigations,
			Components: d.Components, Tactics: d.Tactics, Levels: d.Levels, WatchOn: d.WatchOn}
		for i := range n {
			s := jsonTricky[i%len(jsonTricky)]
			r := &coverage.Rule{Name: fmt.Sprint("Rule ", i, s), Desc: " " + s + "\n", Maturity: s, Source: s, Priority: s, Enabled: i%2 == 0}
			if i%3 != 0 {
				r.File, r.Line = s, i
			}
			for k := range i % 3 {
				r.Findings = append(r.Findings, check.Finding{Diagnostic: diag.Diagnostic{Code: "code-" + s, Severity: diag.Severity(k), Message: s}})
			}
			d.rules = append(d.rules, r)
			want.Rules = append(want.Rules, refRuleOf(r))
		}
		for c := range min(n, 7) {
			cd := matrixCellData{key: fmt.Sprintf("tactic-%d/T%d%s", c%3, 10-c, jsonTricky[c])}
			pick := func() int { return rng.IntN(n) }
			if c%2 == 0 {
				cd.direct = []int{pick(), pick()}
			}
			for k := range c % 3 {
				cd.subs = append(cd.subs, matrixSubRef{id: fmt.Sprint("T1.00", k), name: jsonTricky[k], url: "u", rules: []int{}})
				if k > 0 {
					cd.subs[k].rules = []int{pick()}
				}
			}
			for range rng.IntN(3 * n) {
				cd.addVerdict(pick(), verdicts[rng.IntN(len(verdicts))])
			}
			want.Cells[cd.key] = refCellOf(cd)
			d.cells = append(d.cells, cd)
		}
		var got strings.Builder
		b := bufio.NewWriter(&got)
		if err := d.writeJSON(b); err != nil {
			t.Fatal(err)
		}
		b.Flush()
		if got, want := print(template.JS(got.String())), print(want); got != want {
			t.Errorf("%d rules: written\n%.3000s\nwant\n%.3000s", n, got, want)
		}
	}
}
