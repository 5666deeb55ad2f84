package report_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/coverage"
	"github.com/falcomitre/falcomitre/report"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// ruleURL is the link the layer tests give each rule: every placeholder,
// and a name that needs escaping.
const ruleURL = "https://example.com/rules/{file}?rule={name}#L{line}"

func TestLayer(t *testing.T) {
	m := corpusModel(t)
	var buf bytes.Buffer
	if err := report.WriteLayer(&buf, report.NewLayer(m, report.LayerOptions{RuleURL: ruleURL})); err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("testdata", "coverage", "layer.json"), buf.Bytes())
	checkLayerFile(t, buf.Bytes(), m)
}

func TestLayerSplit(t *testing.T) {
	m := corpusModel(t)
	for _, by := range []string{coverage.SplitMaturity, coverage.SplitSource} {
		t.Run(by, func(t *testing.T) {
			groups, err := m.Split(by)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := report.WriteLayers(&buf, report.SplitLayers(groups, by, report.LayerOptions{})); err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", "coverage", "layers-"+by+".json"), buf.Bytes())
			checkLayerFile(t, buf.Bytes(), m)
			var ls []report.Layer
			if err := json.Unmarshal(buf.Bytes(), &ls); err != nil {
				t.Fatal(err)
			}
			if len(ls) != len(groups) {
				t.Errorf("%d layers for %d groups", len(ls), len(groups))
			}
			// The groups' scores add up to the whole set's.
			sum := map[string]int{}
			for _, l := range ls {
				for _, e := range l.Techniques {
					sum[e.Tactic+"/"+e.TechniqueID] += e.Score
				}
			}
			for _, e := range report.NewLayer(m, report.LayerOptions{}).Techniques {
				if got := sum[e.Tactic+"/"+e.TechniqueID]; got != e.Score {
					t.Errorf("%s under %s: groups score %d, the whole set %d", e.TechniqueID, e.Tactic, got, e.Score)
				}
			}
		})
	}
}

// checkLayerFile holds a layer file (one layer or a list) to the 4.5
// format's required fields and to what falcomitre promises of it: the
// Navigator version at least 4.9.0, each technique under a tactic of
// its own that its rules tag, a gradient Navigator accepts and a legend
// whose colours are the gradient's at the scores it names.
func checkLayerFile(t *testing.T, data []byte, m *coverage.Model) {
	t.Helper()
	sch, err := layerSchema()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Fatalf("not a 4.5 layer file: %v", err)
	}
	var ls []report.Layer
	if bytes.HasPrefix(bytes.TrimSpace(data), []byte("[")) {
		err = json.Unmarshal(data, &ls)
	} else {
		ls = make([]report.Layer, 1)
		err = json.Unmarshal(data, &ls[0])
	}
	if err != nil {
		t.Fatal(err)
	}
	rules := map[string]*coverage.Rule{}
	for _, r := range m.Rules {
		rules[r.Name] = r
	}
	for _, l := range ls {
		if !versionAtLeast(l.Versions.Navigator, "4.9.0") {
			t.Errorf("%s: navigator version %q is older than 4.9.0", l.Name, l.Versions.Navigator)
		}
		if l.Versions.Layer != "4.5" || l.Domain != m.Catalog.Domain || !strings.HasPrefix(m.Catalog.Version, l.Versions.ATTACK+".") {
			t.Errorf("%s: versions %+v, domain %s for %s %s", l.Name, l.Versions, l.Domain, m.Catalog.Domain, m.Catalog.Version)
		}
		for _, e := range l.Techniques {
			checkLayerEntry(t, m.Catalog, rules, e)
		}
		g := l.Gradient
		if g.MaxValue <= g.MinValue {
			t.Errorf("%s: gradient from %d to %d", l.Name, g.MinValue, g.MaxValue)
		}
		for _, e := range l.Techniques {
			if e.Score < g.MinValue || e.Score > g.MaxValue {
				t.Errorf("%s: %s scores %d, outside the gradient", l.Name, e.TechniqueID, e.Score)
			}
		}
		if len(l.LegendItems) == 0 {
			t.Errorf("%s: no legend", l.Name)
		}
		for _, li := range l.LegendItems {
			n, err := strconv.Atoi(strings.TrimRight(strings.Fields(li.Label)[0], ":"))
			if err != nil {
				t.Fatalf("%s: legend label %q names no score", l.Name, li.Label)
			}
			if want := g.Color(n); li.Color != want {
				t.Errorf("%s: legend %q is %s, the gradient gives %s", l.Name, li.Label, li.Color, want)
			}
		}
	}
}

// layerSchema compiles testdata/navigator-layer-4.5.schema.json once.
var layerSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	return jsonschema.NewCompiler().Compile(filepath.Join("testdata", "navigator-layer-4.5.schema.json"))
})

// checkLayerEntry checks one technique of a layer against the catalog and
// the rules its metadata names.
func checkLayerEntry(t *testing.T, cat *attack.Catalog, rules map[string]*coverage.Rule, e report.LayerEntry) {
	t.Helper()
	tech := cat.Technique(e.TechniqueID)
	if tech == nil || tech.Revoked || tech.Deprecated {
		t.Errorf("%s is not a live technique", e.TechniqueID)
		return
	}
	if !slices.Contains(tech.Tactics, e.Tactic) {
		t.Errorf("%s under %s, which is not one of its tactics %v", e.TechniqueID, e.Tactic, tech.Tactics)
	}
	n := 0
	for _, md := range e.Metadata {
		if md.Name != "rule" && md.Name != "after" {
			continue
		}
		r := rules[md.Value]
		if r == nil {
			t.Errorf("%s names rule %q, which is not in the set", e.TechniqueID, md.Value)
			continue
		}
		n++
		if !slices.ContainsFunc(r.Tactics, func(tac *attack.Tactic) bool { return tac.Shortname == e.Tactic }) {
			t.Errorf("%s under %s: rule %q does not tag that tactic", e.TechniqueID, e.Tactic, r.Name)
		}
		if !slices.ContainsFunc(r.Techniques, func(tt coverage.TechniqueTag) bool { return tt.Technique == tech }) {
			t.Errorf("%s: rule %q does not tag it", e.TechniqueID, r.Name)
		}
	}
	if md := e.Metadata; len(md) > 0 && md[0].Name == "rule" && n != e.Score {
		t.Errorf("%s under %s scores %d for %d rules", e.TechniqueID, e.Tactic, e.Score, n)
	}
}

// versionAtLeast compares dotted version numbers.
func versionAtLeast(v, least string) bool {
	a, b := strings.Split(v, "."), strings.Split(least, ".")
	for i := range max(len(a), len(b)) {
		var x, y int
		if i < len(a) {
			x, _ = strconv.Atoi(a[i])
		}
		if i < len(b) {
			y, _ = strconv.Atoi(b[i])
		}
		if x != y {
			return x > y
		}
	}
	return true
}

// previousFiles are the releases of the three files before the current
// ones: the old side of the coverage diff the tests render.
var previousFiles = []string{
	"falco-rules-5.0.0/rules__falco_rules.yaml",
	"falco-incubating-rules-6.0.0/rules__falco-incubating_rules.yaml",
	"falco-sandbox-rules-6.0.0/rules__falco-sandbox_rules.yaml",
}

func corpusDiff(t *testing.T, oldFiles []string) *coverage.Diff {
	t.Helper()
	oldSet, cat, _ := loadCorpus(t, oldFiles)
	old, err := coverage.Build(oldSet, cat, coverage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := coverage.Compare(old, corpusModel(t))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestCoverageDiff(t *testing.T) {
	for _, c := range []struct {
		name string
		old  []string
	}{
		{"releases", previousFiles},
		// The stable file alone against all three: much is gained.
		{"stable", falcosecurityFiles[:1]},
	} {
		d := corpusDiff(t, c.old)
		for _, format := range report.CoverageDiffFormats {
			t.Run(c.name+"/"+format, func(t *testing.T) {
				var buf bytes.Buffer
				if err := report.WriteCoverageDiff(&buf, d, format, report.LayerOptions{RuleURL: ruleURL}); err != nil {
					t.Fatal(err)
				}
				ext := map[string]string{"markdown": "md", "layer": "json"}[format]
				golden(t, filepath.Join("testdata", "coverage", "diff-"+c.name+"."+ext), buf.Bytes())
				if format == "layer" {
					checkLayerFile(t, buf.Bytes(), d.New)
				}
			})
		}
	}
}
