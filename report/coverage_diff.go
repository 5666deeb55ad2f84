package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/falcomitre/falcomitre/coverage"
)

// CoverageDiffFormats are the formats WriteCoverageDiff takes.
var CoverageDiffFormats = []string{"markdown", "layer"}

// WriteCoverageDiff writes what a change to the rules does to their
// ATT&CK coverage: "markdown" for a pull-request comment, "layer" for a
// Navigator layer that colours techniques gained in green and lost in
// red.
func WriteCoverageDiff(w io.Writer, d *coverage.Diff, format string, opt LayerOptions) error {
	switch format {
	case "markdown":
		return coverageDiffMarkdown(w, d)
	case "layer":
		return WriteLayer(w, NewDiffLayer(d, opt))
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(CoverageDiffFormats, " or "))
}

// diffMark labels a change in Markdown.
func diffMark(c coverage.Change) string {
	switch c {
	case coverage.Gained:
		return "🟢 gained"
	case coverage.Lost:
		return "🔴 lost"
	case coverage.More:
		return "⬆️ more rules"
	case coverage.Fewer:
		return "⬇️ fewer rules"
	}
	return string(c)
}

// CoverageDiffSummary is the one-line account of a coverage diff.
func CoverageDiffSummary(d *coverage.Diff) string {
	if len(d.Tactics)+len(d.Techniques) == 0 {
		return "no change in ATT&CK coverage"
	}
	var gained, lost int
	for _, e := range d.Techniques {
		switch e.Change {
		case coverage.Gained:
			gained++
		case coverage.Lost:
			lost++
		}
	}
	s := fmt.Sprintf("%s gained, %d lost", plural(gained, "technique"), lost)
	if n := len(d.Techniques) - gained - lost; n > 0 {
		s += fmt.Sprintf(", %d with more or fewer rules", n)
	}
	for _, c := range []coverage.Change{coverage.Gained, coverage.Lost} {
		var names []string
		for _, t := range d.Tactics {
			if t.Change == c {
				names = append(names, t.Tactic.Name)
			}
		}
		if len(names) > 0 {
			s += fmt.Sprintf("; %s %s: %s", pluralWord(len(names), "tactic"), c, strings.Join(names, ", "))
		}
	}
	return s
}

func coverageDiffMarkdown(w io.Writer, d *coverage.Diff) error {
	b := newDocWriter(w)
	fmt.Fprintf(b, "### falcomitre coverage: %s\n\n", CoverageDiffSummary(d))
	fmt.Fprintf(b, "ATT&CK %s. Counted: %s; sub-techniques count toward their parent.\n\n", dataset(d.New.Catalog), scopeText(d.New.Scope))
	b.WriteString("| | before | after |\n|---|---|---|\n")
	fmt.Fprintf(b, "| rules files | %s | %s |\n", mdFiles(d.Old.Files), mdFiles(d.New.Files))
	fmt.Fprintf(b, "| rules | %d | %d |\n", len(d.Old.Rules), len(d.New.Rules))
	fmt.Fprintf(b, "| techniques covered | %d of %d (%s) | %d of %d (%s) |\n",
		d.Old.Covered, d.Old.Techniques, pct(d.Old.Covered, d.Old.Techniques),
		d.New.Covered, d.New.Techniques, pct(d.New.Covered, d.New.Techniques))
	if len(d.CellsGained)+len(d.CellsLost) > 0 {
		fmt.Fprintf(b, "| techniques newly covered under a tactic | | %d |\n", len(d.CellsGained))
		fmt.Fprintf(b, "| techniques no longer covered under a tactic | | %d |\n", len(d.CellsLost))
	}
	if len(d.Tactics) > 0 {
		b.WriteString("\n#### Tactics\n\n| change | tactic | rules |\n|---|---|---|\n")
		for _, t := range d.Tactics {
			fmt.Fprintf(b, "| %s | %s | %s |\n", diffMark(t.Change), mdTactic(t.Tactic), ruleNames(t.Rules))
		}
	}
	if len(d.Techniques) > 0 {
		b.WriteString("\n#### Techniques\n\n")
		b.WriteString("| change | tactic | technique | rules | rules added | rules removed |\n|---|---|---|---:|---|---|\n")
		for _, e := range d.Techniques {
			added, removed := ruleChanges(e.Old, e.New)
			fmt.Fprintf(b, "| %s | %s | %s | %d → %d | %s | %s |\n", diffMark(e.Change), cell(e.Tactic.Name), mdTechnique(e.Technique),
				len(e.Old), len(e.New), ruleNames(added), ruleNames(removed))
		}
	}
	if len(d.CellsLost) > 0 {
		b.WriteString("\n#### No longer covered\n\n")
		for _, c := range d.CellsLost {
			fmt.Fprintf(b, "- %s under %s\n", mdTechnique(c.Technique), cell(c.Tactic.Name))
		}
	}
	return b.Flush()
}

// ruleChanges returns the rules in new and not in old, and the reverse,
// by name: a rule changes identity between two loads, not its name. The
// names are looked up in sets: a cell of a large set has thousands of
// rules on each side.
func ruleChanges(old, new []*coverage.Rule) (added, removed []*coverage.Rule) {
	return missingFrom(new, ruleNameSet(old)), missingFrom(old, ruleNameSet(new))
}

func ruleNameSet(rs []*coverage.Rule) map[string]bool {
	set := make(map[string]bool, len(rs))
	for _, r := range rs {
		set[r.Name] = true
	}
	return set
}

// missingFrom returns the rules of rs whose name is not in names, in order.
func missingFrom(rs []*coverage.Rule, names map[string]bool) []*coverage.Rule {
	var out []*coverage.Rule
	for _, r := range rs {
		if !names[r.Name] {
			out = append(out, r)
		}
	}
	return out
}

// diffColors diverge from red (lost) through white to green (gained),
// the colour-blind-safe ends of ColorBrewer's RdYlGn.
var diffColors = []string{"#d73027", "#ffffff", "#1a9850"}

// NewDiffLayer returns a Navigator layer of a coverage diff: each
// technique whose rules changed, under its tactic, scored by the change
// in its number of rules (negative for fewer).
func NewDiffLayer(d *coverage.Diff, opt LayerOptions) *Layer {
	name := opt.Name
	if name == "" {
		name = "Falco rules: coverage change"
	}
	l := newLayer(d.New, name)
	l.Description = fmt.Sprintf("What the change to the rules does to their ATT&CK coverage: %s. Score: rules after minus rules before.", CoverageDiffSummary(d))
	top := 1
	for _, e := range d.Techniques {
		le := LayerEntry{TechniqueID: e.Technique.ID, Tactic: e.Tactic.Shortname, Score: e.Delta()}
		switch e.Change {
		case coverage.Gained:
			le.Comment = "Gained: " + ruleNames(e.New)
		case coverage.Lost:
			le.Comment = "Lost: " + ruleNames(e.Old)
		default:
			le.Comment = fmt.Sprintf("%d → %d rules: %s", len(e.Old), len(e.New), ruleNames(e.New))
		}
		for _, r := range e.Old {
			le.Metadata = append(le.Metadata, LayerMeta{Name: "before", Value: r.Name})
		}
		for _, r := range e.New {
			le.Metadata = append(le.Metadata, LayerMeta{Name: "after", Value: r.Name})
			if u := ruleURL(opt.RuleURL, r); u != "" {
				le.Links = append(le.Links, LayerLink{Label: r.Name, URL: u})
			}
		}
		top = max(top, e.Delta(), -e.Delta())
		l.Techniques = append(l.Techniques, le)
	}
	l.Gradient = LayerGradient{Colors: diffColors, MinValue: -top, MaxValue: top}
	l.LegendItems = []LayerLegend{
		{Label: fmt.Sprintf("-%d: lost, or fewer rules", top), Color: l.Gradient.Color(-top)},
		{Label: fmt.Sprintf("+%d: gained, or more rules", top), Color: l.Gradient.Color(top)},
	}
	l.Metadata = []LayerMeta{
		{Name: "ATT&CK", Value: d.New.Catalog.Domain + " " + d.New.Catalog.Version},
		{Name: "before", Value: fmt.Sprintf("%s in %s; %s", plural(len(d.Old.Rules), "rule"), strings.Join(d.Old.Files, ", "), coveredText(d.Old.Covered, d.Old.Techniques))},
		{Name: "after", Value: fmt.Sprintf("%s in %s; %s", plural(len(d.New.Rules), "rule"), strings.Join(d.New.Files, ", "), coveredText(d.New.Covered, d.New.Techniques))},
		{Name: "counted", Value: scopeText(d.New.Scope)},
	}
	for _, t := range d.Tactics {
		l.Metadata = append(l.Metadata, LayerMeta{Name: "tactic " + string(t.Change), Value: t.Tactic.Name})
	}
	return l
}
