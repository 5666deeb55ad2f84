package report

import (
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/falcomitre/falcomitre/coverage"
)

// Layer is an ATT&CK Navigator layer in the layer file format 4.5
// (mitre-attack/attack-navigator, layers/LAYERFORMATv4_5.md): what
// Navigator opens to colour the matrix. Only the fields falcomitre sets
// are here; Navigator fills in the defaults of the others.
type Layer struct {
	Name        string        `json:"name"`
	Versions    LayerVersions `json:"versions"`
	Domain      string        `json:"domain"`
	Description string        `json:"description,omitempty"`
	Filters     *LayerFilters `json:"filters,omitempty"`
	Sorting     int           `json:"sorting"`
	Layout      LayerLayout   `json:"layout"`
	Techniques  []LayerEntry  `json:"techniques"`
	Gradient    LayerGradient `json:"gradient"`
	LegendItems []LayerLegend `json:"legendItems"`
	Metadata    []LayerMeta   `json:"metadata,omitempty"`
	Links       []LayerLink   `json:"links,omitempty"`
	// Each technique is scored under the tactic the rules tag it with,
	// so selecting one must not select it under its other tactics.
	SelectTechniquesAcrossTactics bool `json:"selectTechniquesAcrossTactics"`
	SelectSubtechniquesWithParent bool `json:"selectSubtechniquesWithParent"`
}

// LayerVersions says which formats a layer is written for.
type LayerVersions struct {
	ATTACK    string `json:"attack"`    // the ATT&CK major version, "18"
	Navigator string `json:"navigator"` // at least "4.9.0" for format 4.5
	Layer     string `json:"layer"`     // "4.5"
}

// Navigator and layer format versions: 4.5 is the format Navigator 4.9.0
// introduced, and the newest the specification describes.
const (
	layerFormat       = "4.5"
	navigatorVersion  = "4.9.1"
	layerSortByScore  = 3 // descending by score
	layerExpandMarked = "annotated"
)

// LayerFilters restricts the matrix to platforms.
type LayerFilters struct {
	Platforms []string `json:"platforms"`
}

// LayerLayout is how Navigator draws the matrix.
type LayerLayout struct {
	Layout                string `json:"layout"`
	ShowID                bool   `json:"showID"`
	ShowName              bool   `json:"showName"`
	ExpandedSubtechniques string `json:"expandedSubtechniques"`
}

// LayerEntry is one technique under one tactic.
type LayerEntry struct {
	TechniqueID string      `json:"techniqueID"`
	Tactic      string      `json:"tactic"`
	Score       int         `json:"score"`
	Comment     string      `json:"comment,omitempty"`
	Metadata    []LayerMeta `json:"metadata,omitempty"`
	Links       []LayerLink `json:"links,omitempty"`
}

// LayerGradient maps scores to colours between MinValue and MaxValue.
type LayerGradient struct {
	Colors   []string `json:"colors"`
	MinValue int      `json:"minValue"`
	MaxValue int      `json:"maxValue"`
}

// LayerLegend is one item of the legend.
type LayerLegend struct {
	Label string `json:"label"`
	Color string `json:"color"`
}

// LayerMeta is a name and value, or a divider.
type LayerMeta struct {
	Name    string `json:"name,omitempty"`
	Value   string `json:"value,omitempty"`
	Divider bool   `json:"divider,omitempty"`
}

// LayerLink is a labelled URL.
type LayerLink struct {
	Label string `json:"label"`
	URL   string `json:"url"`
}

// LayerOptions name a layer and link its rules.
type LayerOptions struct {
	// Name of the layer; "Falco rules" when empty.
	Name string
	// RuleURL links each rule to its documentation: {name} becomes the
	// rule's name (escaped for a URL), {file} and {line} where it is
	// defined. No links when empty.
	RuleURL string
}

// coverageColors is the heatmap's ramp, the matrix page's blues. It
// starts at one rule, the commonest score, with a shade that shows.
var coverageColors = []string{"#c6dbef", "#6baed6", "#08519c"}

// NewLayer returns the Navigator layer of a coverage model: every
// technique some rule tags, as tagged (sub-techniques as themselves),
// under the tactic the rule tags it with; scored by its number of rules.
func NewLayer(m *coverage.Model, opt LayerOptions) *Layer {
	name := opt.Name
	if name == "" {
		name = "Falco rules"
	}
	l := newLayer(m, name)
	l.Description = fmt.Sprintf("%s from %s, on ATT&CK %s %s. Score: the number of rules that tag the technique under the tactic. Counted: %s; %s.",
		capitalize(plural(len(m.Rules), "Falco rule")), fileList(m.Files), m.Catalog.Domain, m.Catalog.Version,
		scopeText(m.Scope), coveredText(m.Covered, m.Techniques))
	top := 1
	for _, e := range m.Entries() {
		le := LayerEntry{
			TechniqueID: e.Technique.ID,
			Tactic:      e.Tactic.Shortname,
			Score:       len(e.Rules),
			Comment:     withRuleNames(capitalize(plural(len(e.Rules), "rule"))+": ", e.Rules),
			Metadata:    make([]LayerMeta, 0, len(e.Rules)),
		}
		if opt.RuleURL != "" {
			le.Links = make([]LayerLink, 0, len(e.Rules))
		}
		for _, r := range e.Rules {
			le.Metadata = append(le.Metadata, LayerMeta{Name: "rule", Value: r.Name})
			if u := ruleURL(opt.RuleURL, r); u != "" {
				le.Links = append(le.Links, LayerLink{Label: r.Name, URL: u})
			}
		}
		top = max(top, le.Score)
		l.Techniques = append(l.Techniques, le)
	}
	// Navigator wants maxValue above minValue, even when every score is 1.
	l.Gradient = LayerGradient{Colors: coverageColors, MinValue: 1, MaxValue: max(top, 2)}
	for _, v := range legendScores(top) {
		l.LegendItems = append(l.LegendItems, LayerLegend{Label: plural(v, "rule"), Color: l.Gradient.Color(v)})
	}
	l.Metadata = layerMetadata(m)
	return l
}

// newLayer fills in what every falcomitre layer has.
func newLayer(m *coverage.Model, name string) *Layer {
	major, _, _ := strings.Cut(m.Catalog.Version, ".")
	l := &Layer{
		Name:       name,
		Versions:   LayerVersions{ATTACK: major, Navigator: navigatorVersion, Layer: layerFormat},
		Domain:     m.Catalog.Domain,
		Sorting:    layerSortByScore,
		Layout:     LayerLayout{Layout: "side", ShowID: true, ShowName: true, ExpandedSubtechniques: layerExpandMarked},
		Techniques: []LayerEntry{},
		Links:      []LayerLink{{Label: "falcomitre", URL: ProjectURL}},
	}
	if len(m.Scope.Platforms) > 0 {
		l.Filters = &LayerFilters{Platforms: m.Scope.Platforms}
	}
	return l
}

// legendScores are the scores the legend names: 1, the middle and the top.
func legendScores(top int) []int {
	out := []int{1}
	if mid := (top + 1) / 2; mid > 1 && mid < top {
		out = append(out, mid)
	}
	if top > 1 {
		out = append(out, top)
	}
	return out
}

// layerMetadata is what the layer says of itself: the data, the scope,
// the coverage of each tactic with what it misses, and the tags that
// count for nothing.
func layerMetadata(m *coverage.Model) []LayerMeta {
	md := []LayerMeta{
		{Name: "ATT&CK", Value: m.Catalog.Domain + " " + m.Catalog.Version},
		{Name: "rules files", Value: strings.Join(m.Files, ", ")},
		{Name: "counted", Value: scopeText(m.Scope)},
		{Name: "covered", Value: coveredText(m.Covered, m.Techniques)},
		{Divider: true},
	}
	for _, col := range m.Columns {
		v := fmt.Sprintf("%d of %d (%s)", col.Covered, col.Techniques, pct(col.Covered, col.Techniques))
		if gaps := col.Gaps(); len(gaps) > 0 {
			ids := make([]string, len(gaps))
			for i, g := range gaps {
				ids[i] = g.Technique.ID + " " + g.Technique.Name
			}
			v += "; not covered: " + strings.Join(ids, ", ")
		}
		if n := len(col.TacticOnly); n > 0 {
			v += fmt.Sprintf("; %s tag the tactic and no technique of it", plural(n, "rule"))
		}
		md = append(md, LayerMeta{Name: col.Tactic.Name, Value: v})
	}
	if len(m.Uncounted) > 0 {
		md = append(md, LayerMeta{Divider: true}, LayerMeta{Name: "tags that count for nothing", Value: uncountedText(m.Uncounted)})
	}
	return md
}

// uncountedText is "rule: tag (why); ...", built in one string: a large
// set has tens of thousands.
func uncountedText(us []coverage.Uncounted) string {
	n := 0
	for _, u := range us {
		n += len(u.Rule.Name) + len(u.Tag) + len(reasonText(u)) + 7
	}
	var b strings.Builder
	b.Grow(n)
	for i, u := range us {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(u.Rule.Name)
		b.WriteString(": ")
		b.WriteString(u.Tag)
		b.WriteString(" (")
		b.WriteString(reasonText(u))
		b.WriteByte(')')
	}
	return b.String()
}

// ruleURL fills in a rule's link from the template, "" without one: each
// placeholder, left to right, as a strings.Replacer of the three would,
// without building one per rule of a large layer.
func ruleURL(tmpl string, r *coverage.Rule) string {
	if tmpl == "" {
		return ""
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			break
		}
		b.WriteString(tmpl[:i])
		tmpl = tmpl[i:]
		switch {
		case strings.HasPrefix(tmpl, "{name}"):
			b.WriteString(url.QueryEscape(r.Name))
		case strings.HasPrefix(tmpl, "{file}"):
			b.WriteString(r.File)
		case strings.HasPrefix(tmpl, "{line}"):
			b.WriteString(strconv.Itoa(r.Line))
		default:
			b.WriteByte('{')
			tmpl = tmpl[1:]
			continue
		}
		tmpl = tmpl[len("{name}"):]
	}
	b.WriteString(tmpl)
	return b.String()
}

// Color returns the colour Navigator gives a score: the gradient's
// colours spread evenly from MinValue to MaxValue, blended linearly in
// RGB, as its legend must show them.
func (g LayerGradient) Color(score int) string {
	n := len(g.Colors)
	if n == 0 {
		return ""
	}
	if n == 1 || g.MaxValue <= g.MinValue {
		return g.Colors[0]
	}
	f := float64(score-g.MinValue) / float64(g.MaxValue-g.MinValue)
	f = min(max(f, 0), 1) * float64(n-1)
	i := min(int(f), n-2)
	a, b := rgb(g.Colors[i]), rgb(g.Colors[i+1])
	t := f - float64(i)
	var c [3]int
	for k := range c {
		c[k] = int(float64(a[k]) + (float64(b[k])-float64(a[k]))*t + 0.5)
	}
	return fmt.Sprintf("#%02x%02x%02x", c[0], c[1], c[2])
}

// rgb reads "#rrggbb".
func rgb(hex string) [3]int {
	var c [3]int
	if len(hex) == 7 && hex[0] == '#' {
		for k := range c {
			v, _ := strconv.ParseUint(hex[1+2*k:3+2*k], 16, 8)
			c[k] = int(v)
		}
	}
	return c
}

// WriteLayer writes one layer as indented JSON.
func WriteLayer(w io.Writer, l *Layer) error {
	return writeLayerJSON(w, l.writeJSON)
}

// WriteLayers writes several layers in one file, as the list Navigator's
// "download all layers" makes and opens.
func WriteLayers(w io.Writer, ls []*Layer) error {
	return writeLayerJSON(w, func(j *jsonIndent) {
		list(j, ls, func(j *jsonIndent, l **Layer) { (*l).writeJSON(j) })
	})
}

// SplitLayers returns one layer per group of a split model, each named
// for its group.
func SplitLayers(groups []coverage.Group, by string, opt LayerOptions) []*Layer {
	base := opt.Name
	if base == "" {
		base = "Falco rules"
	}
	ls := make([]*Layer, 0, len(groups))
	for _, g := range groups {
		o := opt
		switch {
		case by == coverage.SplitMaturity && g.Name == "":
			o.Name = base + ": no maturity tag"
		case by == coverage.SplitMaturity:
			o.Name = base + ": maturity_" + g.Name
		default:
			o.Name = base + ": source " + g.Name
		}
		ls = append(ls, NewLayer(g.Model, o))
	}
	return ls
}
