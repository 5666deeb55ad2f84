package report

import (
	"bufio"
	"embed"
	"fmt"
	"html/template"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/coverage"
)

// The page is one file with its style and script inline: it is mailed,
// attached to CI runs and opened from disk, where nothing else can be
// fetched (no CDN, no network).
//
//go:embed html/matrix.tmpl html/matrix.css html/matrix.js
var matrixAssets embed.FS

// matrixTemplate is parsed on first use: every falcomitre run loads this
// package, few write the HTML matrix, and parsing at start-up cost 1 ms.
var matrixTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("matrix.tmpl").ParseFS(matrixAssets, "html/matrix.tmpl"))
})

// heatLevels are the upper bounds of the heatmap's shades by number of
// rules: 0, 1, 2–3, 4–7, 8 and more. Fixed bounds, not ones scaled to the
// busiest cell, so that two pages read alike.
var heatLevels = []int{0, 1, 3, 7}

// heatLevel returns the shade of a cell covered by n rules, 0 to 4.
func heatLevel(n int) int {
	for i, hi := range heatLevels {
		if n <= hi {
			return i
		}
	}
	return len(heatLevels)
}

// matrixPage is what the template renders; matrixData is what the script
// reads, so that filtering and the details of a cell need no server.
type matrixPage struct {
	Title   string
	Dataset string
	Files   []string
	Rules   int
	Scope   string
	Covered string
	Columns []matrixColumn
	Filters []matrixFilter
	Legend  []matrixLegend
	// UncountedRows is uncountedMark when some tags count for nothing.
	UncountedRows template.HTML
	Data          matrixData
	DataJSON      template.JS // dataMark, where the page's data goes
	CSS           template.CSS
	JS            template.JS
}

type matrixColumn struct {
	Name, ID, URL, Short string
	Covered, Techniques  int
	Percent              string
	TacticOnly           string // rule indexes
	TacticOnlyCount      int
	Cells                []matrixCell
	Gaps                 []matrixRef
}

type matrixCell struct {
	ID, Name  string
	Rules     string // rule indexes, space-separated
	Count     int
	Level     int
	InScope   bool
	Hidden    bool // out of scope and covered by no rule
	Platforms string
	Subs      []matrixSub
}

type matrixSub struct {
	ID, Name string
	Rules    string
	Count    int
}

type matrixRef struct {
	ID   string `json:"id,omitempty"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type matrixFilter struct {
	Name    string // maturity, source, platform
	Legend  string
	Options []matrixOption
}

type matrixOption struct {
	Value, Label string
	Count        int
	Checked      bool
}

type matrixLegend struct {
	Label string
	Level int
}

// matrixData is the JSON the script reads, written by writeJSON in this
// order ("rules", "techniques", "cells", ..., "watch_on").
type matrixData struct {
	rules       []*coverage.Rule
	Techniques  map[string]matrixTechnique
	cells       []matrixCellData
	Mitigations map[string]string
	Components  map[string]matrixRef
	Tactics     map[string]string
	// Levels are heatLevels, so that the script shades as the page does.
	Levels []int
	// WatchOn are the platforms techniques' Watch are for.
	WatchOn string
}

type matrixTechnique struct {
	Name        string   `json:"name"`
	URL         string   `json:"url"`
	Tactics     []string `json:"tactics"`
	Platforms   []string `json:"platforms"`
	Mitigations []string `json:"mitigations,omitempty"`
	Components  []string `json:"components,omitempty"`
	Subs        int      `json:"subs"`
	// Watch is what ATT&CK's analytics watch on the platforms in scope.
	Watch []matrixRef `json:"watch,omitempty"`
}

// matrixHTML writes the self-contained page.
func matrixHTML(w io.Writer, m *coverage.Model) error {
	css, err := matrixAssets.ReadFile("html/matrix.css")
	if err != nil {
		return err
	}
	js, err := matrixAssets.ReadFile("html/matrix.js")
	if err != nil {
		return err
	}
	p := &matrixPage{
		Title:   "Falco rules on the ATT&CK matrix",
		Dataset: dataset(m.Catalog),
		Files:   m.Files,
		Rules:   len(m.Rules),
		Scope:   scopeText(m.Scope),
		Covered: coveredText(m.Covered, m.Techniques),
		// Both are files of this package, not input: safe to inline.
		CSS: template.CSS(css),
		JS:  template.JS(js),
	}
	index := make(map[*coverage.Rule]int, len(m.Rules))
	for i, r := range m.Rules {
		index[r] = i
	}
	p.Data.rules = m.Rules
	p.Filters = matrixFilters(m)
	for i := range len(heatLevels) + 1 {
		p.Legend = append(p.Legend, matrixLegend{Label: heatLabel(i), Level: i})
	}
	p.Data.Techniques = map[string]matrixTechnique{}
	p.Data.Mitigations = map[string]string{}
	p.Data.Components = map[string]matrixRef{}
	p.Data.Tactics = map[string]string{}
	p.Data.Levels = heatLevels
	p.Data.WatchOn = strings.Join(m.WatchPlatforms(), ", ")
	for _, col := range m.Columns {
		p.Data.Tactics[col.Tactic.Shortname] = col.Tactic.Name
		mc := matrixColumn{
			Name: col.Tactic.Name, ID: col.Tactic.ID, URL: col.Tactic.URL(), Short: col.Tactic.Shortname,
			Covered: col.Covered, Techniques: col.Techniques, Percent: pct(col.Covered, col.Techniques),
			TacticOnly: indexes(col.TacticOnly, index), TacticOnlyCount: len(col.TacticOnly),
		}
		for _, c := range col.Cells {
			mc.Cells = append(mc.Cells, htmlCell(c, index))
			p.addTechnique(m, c.Technique, len(c.Rules) > 0)
			if len(c.Rules) > 0 {
				cd := matrixCellData{key: col.Tactic.Shortname + "/" + c.Technique.ID, direct: indexList(c.Direct, index)}
				cd.room = len(c.Direct)
				for _, s := range c.Subs {
					cd.room += len(s.Rules)
				}
				for _, r := range c.Direct {
					cd.addEvidence(m, r, c.Technique, index)
				}
				for _, s := range c.Subs {
					cd.subs = append(cd.subs, matrixSubRef{id: s.Technique.ID, name: s.Technique.Name, url: s.Technique.URL(), rules: indexList(s.Rules, index)})
					for _, r := range s.Rules {
						cd.addEvidence(m, r, s.Technique, index)
					}
				}
				p.Data.cells = append(p.Data.cells, cd)
			}
		}
		for _, g := range col.Gaps() {
			mc.Gaps = append(mc.Gaps, matrixRef{ID: g.Technique.ID, Name: g.Technique.Name, URL: g.Technique.URL()})
		}
		p.Columns = append(p.Columns, mc)
	}
	p.DataJSON = dataMark
	b := newDocWriter(w)
	mw := &markWriter{w: b, marks: map[string]func(*bufio.Writer) error{dataMark: p.Data.writeJSON}}
	if len(m.Uncounted) > 0 {
		p.UncountedRows = uncountedMark
		mw.marks[uncountedMark] = func(b *bufio.Writer) error {
			writeUncountedRows(b, m.Uncounted)
			return nil
		}
	}
	if err := matrixTemplate().Execute(mw, p); err != nil {
		return err
	}
	if len(mw.marks) > 0 {
		return fmt.Errorf("matrix template: not all was written")
	}
	return b.Flush()
}

func htmlCell(c *coverage.Cell, index map[*coverage.Rule]int) matrixCell {
	mc := matrixCell{
		ID: c.Technique.ID, Name: c.Technique.Name,
		Rules: indexes(c.Rules, index), Count: len(c.Rules), Level: heatLevel(len(c.Rules)),
		InScope: c.InScope, Hidden: !c.InScope && len(c.Rules) == 0,
		Platforms: strings.Join(c.Technique.Platforms, "|"),
	}
	for _, s := range c.Subs {
		mc.Subs = append(mc.Subs, matrixSub{ID: s.Technique.ID, Name: s.Technique.Name, Rules: indexes(s.Rules, index), Count: len(s.Rules)})
	}
	return mc
}

// addTechnique records what the details of a technique show; what ATT&CK
// says to watch only for a covered one, where it is compared with what
// the rules watch (for all, the page would grow by two fifths).
func (p *matrixPage) addTechnique(m *coverage.Model, t *attack.Technique, covered bool) {
	cat := m.Catalog
	if mt, ok := p.Data.Techniques[t.ID]; ok {
		if covered && mt.Watch == nil {
			mt.Watch = watchRefs(m, t)
			p.Data.Techniques[t.ID] = mt
		}
		return
	}
	mt := matrixTechnique{Name: t.Name, URL: t.URL(), Platforms: t.Platforms, Subs: len(cat.SubTechniques(t.ID))}
	for _, tac := range cat.Tactics {
		if slices.Contains(t.Tactics, tac.Shortname) {
			mt.Tactics = append(mt.Tactics, tac.Name)
		}
	}
	for _, id := range t.Mitigations {
		if mit := cat.Mitigation(id); mit != nil {
			mt.Mitigations = append(mt.Mitigations, id)
			p.Data.Mitigations[id] = mit.Name
		}
	}
	for _, key := range t.DataComponents {
		if dc := cat.DataComponent(key); dc != nil {
			mt.Components = append(mt.Components, key)
			p.Data.Components[key] = matrixRef{ID: dc.ID, Name: componentName(dc), URL: dc.URL()}
		}
	}
	if covered {
		mt.Watch = watchRefs(m, t)
	}
	p.Data.Techniques[t.ID] = mt
}

// componentName names a data component as explain does.
func componentName(d *attack.DataComponent) string {
	return defenseName(check.DefenseRef{ID: d.ID, Name: d.Name, DataSource: d.DataSource})
}

// matrixFilters offers every maturity and source of the rules, and every
// platform of the catalog with those in scope checked.
func matrixFilters(m *coverage.Model) []matrixFilter {
	// Counted here: Maturities and Sources sort each group's rules, which
	// a count does not need.
	maturities, sources := map[string]int{}, map[string]int{}
	for _, r := range m.Rules {
		maturities[r.Maturity]++
		sources[r.Source]++
	}
	mat := matrixFilter{Name: "maturity", Legend: "Maturity"}
	for _, name := range coverage.MaturityNames(m.Rules) {
		label := name
		if label == "" {
			label = "none"
		}
		mat.Options = append(mat.Options, matrixOption{Value: name, Label: label, Count: maturities[name], Checked: true})
	}
	src := matrixFilter{Name: "source", Legend: "Event source"}
	for _, name := range slices.Sorted(maps.Keys(sources)) {
		src.Options = append(src.Options, matrixOption{Value: name, Label: name, Count: sources[name], Checked: true})
	}
	plat := matrixFilter{Name: "platform", Legend: "Platforms counted"}
	for _, name := range coverage.Platforms(m.Catalog) {
		on := len(m.Scope.Platforms) == 0 || slices.Contains(m.Scope.Platforms, name)
		plat.Options = append(plat.Options, matrixOption{Value: name, Label: name, Checked: on})
	}
	return []matrixFilter{mat, src, plat}
}

// heatLabel names a shade of the heatmap, as the legend shows it.
func heatLabel(level int) string {
	lo := 0
	if level > 0 {
		lo = heatLevels[level-1] + 1
	}
	switch {
	case level == len(heatLevels):
		return fmt.Sprintf("%d+ rules", lo)
	case heatLevels[level] == lo:
		return plural(lo, "rule")
	}
	return fmt.Sprintf("%d–%d rules", lo, heatLevels[level])
}

// indexes lists the rules' indexes, space-separated, built in one
// string.
func indexes(rs []*coverage.Rule, index map[*coverage.Rule]int) string {
	var b strings.Builder
	b.Grow(7 * len(rs)) // six digits and a space
	var digits [20]byte
	for i, r := range rs {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.Write(strconv.AppendInt(digits[:0], int64(index[r]), 10))
	}
	return b.String()
}

func indexList(rs []*coverage.Rule, index map[*coverage.Rule]int) []int {
	out := make([]int, len(rs))
	for i, r := range rs {
		out[i] = index[r]
	}
	return out
}

// watchRefs lists what ATT&CK says to watch for t on the model's
// platforms.
func watchRefs(m *coverage.Model, t *attack.Technique) []matrixRef {
	var out []matrixRef
	for _, w := range m.Watches(t) {
		out = append(out, matrixRef{ID: w.Analytic, Name: watchText(w), URL: w.URL})
	}
	return out
}
