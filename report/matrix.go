package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/falcomitre/falcomitre/coverage"
)

// MatrixFormats are the formats WriteMatrix takes.
var MatrixFormats = []string{"markdown", "html"}

// WriteMatrix writes the ATT&CK matrix with the rules that cover each
// cell: tactics as columns in the data's matrix order, techniques under
// them by name, sub-techniques folded under their parent. "markdown" is a
// document for a repository; "html" is one self-contained page with a
// heatmap, filters and the rules of a cell on click.
func WriteMatrix(w io.Writer, m *coverage.Model, format string) error {
	switch format {
	case "markdown":
		return matrixMarkdown(w, m)
	case "html":
		return matrixHTML(w, m)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(MatrixFormats, " or "))
}

// matrixMarkdown writes the matrix as a table whose cells name the
// techniques in scope, the covered ones in bold with their number of
// rules; then the rules of each cell, tactic by tactic; then the gaps.
func matrixMarkdown(w io.Writer, m *coverage.Model) error {
	b := newDocWriter(w)
	b.WriteString("# Falco rules on the ATT&CK matrix\n\n")
	fmt.Fprintf(b, "%s from %s, read against ATT&CK %s. Counted: %s; %s.\n\n",
		capitalize(plural(len(m.Rules), "rule")), mdFiles(m.Files), dataset(m.Catalog), scopeText(m.Scope),
		coveredText(m.Covered, m.Techniques))
	b.WriteString("A covered technique is in bold with its number of rules; ↳ lists the sub-techniques the rules tag. ")
	b.WriteString("† marks a technique outside the platforms counted that some rule covers anyway.\n\n")

	var cols [][]string
	rows := 0
	var head, sep []string
	for _, col := range m.Columns {
		head = append(head, fmt.Sprintf("%s<br>%d/%d", mdTactic(col.Tactic), col.Covered, col.Techniques))
		sep = append(sep, "---")
		var cells []string
		for _, c := range col.Cells {
			if c.InScope || len(c.Rules) > 0 {
				cells = append(cells, mdMatrixCell(c))
			}
		}
		if n := len(col.TacticOnly); n > 0 {
			cells = append([]string{fmt.Sprintf("*tactic only: %d*", n)}, cells...)
		}
		cols = append(cols, cells)
		rows = max(rows, len(cells))
	}
	fmt.Fprintf(b, "| %s |\n| %s |\n", strings.Join(head, " | "), strings.Join(sep, " | "))
	for i := range rows {
		row := make([]string, len(cols))
		for j, cells := range cols {
			if i < len(cells) {
				row[j] = cells[i]
			}
		}
		fmt.Fprintf(b, "| %s |\n", strings.Join(row, " | "))
	}

	b.WriteString("\n## Rules per cell\n")
	lk := newLinks()
	for _, col := range m.Columns {
		covering := col.Covering()
		if len(covering) == 0 && len(col.TacticOnly) == 0 {
			continue
		}
		fmt.Fprintf(b, "\n### %s\n\n", mdTactic(col.Tactic))
		for _, c := range covering {
			mark := ""
			if !c.InScope {
				mark = " †"
			}
			fmt.Fprintf(b, "- %s%s (%s)", mdTechnique(c.Technique), mark, plural(len(c.Rules), "rule"))
			if len(c.Direct) > 0 {
				b.WriteString(": ")
				writeRulesWithEvidence(b, m, c.Direct, c.Technique)
			}
			b.WriteString("\n")
			mdWatches(b, m, c.Technique)
			for _, s := range c.Subs {
				b.WriteString("  - ↳ ")
				lk.writeTechnique(b, s.Technique)
				b.WriteString(": ")
				writeRulesWithEvidence(b, m, s.Rules, s.Technique)
				b.WriteByte('\n')
			}
		}
		if len(col.TacticOnly) > 0 {
			fmt.Fprintf(b, "- the tactic and no technique of it: %s\n", ruleNames(col.TacticOnly))
		}
	}
	b.WriteString("\n## Gaps\n\n")
	mdGaps(b, m)
	mdUncounted(b, m, "##")
	return b.Flush()
}

// mdMatrixCell is one technique in the table.
func mdMatrixCell(c *coverage.Cell) string {
	t := c.Technique
	s := fmt.Sprintf("[%s](%s) %s", t.ID, t.URL(), cell(t.Name))
	if len(c.Rules) == 0 {
		return s
	}
	if !c.InScope {
		s += " †"
	}
	s = fmt.Sprintf("**%s · %d**", s, len(c.Rules))
	for _, sub := range c.Subs {
		s += fmt.Sprintf("<br>↳ %s %s · %d", sub.Technique.ID, cell(sub.Technique.Name), len(sub.Rules))
	}
	return s
}

// ruleNames lists rules by name, "–" for none.
func ruleNames(rs []*coverage.Rule) string { return withRuleNames("", rs) }

// withRuleNames returns head and ruleNames(rs), built in one string: a
// cell of a large set lists thousands of rules.
func withRuleNames(head string, rs []*coverage.Rule) string {
	if len(rs) == 0 {
		return head + "–"
	}
	n := len(head)
	for _, r := range rs {
		n += len(r.Name) + 2
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(head)
	for i, r := range rs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(cell(r.Name))
	}
	return b.String()
}
