package report

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/falcomitre/falcomitre/coverage"
)

// WriteOverview writes the rules overview in GitHub Flavored Markdown: the
// falcosecurity "Falco Rules Overview" made from the checked model. Rules
// are grouped by maturity (rules with no maturity tag in a group of their
// own), each row with its description, workload, tactics, techniques
// (linked, with their ATT&CK names), other tags, compliance tags (linked)
// and whether it is enabled; then statistics per workload, per tactic and
// per compliance tag, the gaps in scope, the tags that count for nothing
// and the check findings of each rule that has some.
func WriteOverview(w io.Writer, m *coverage.Model) error {
	b := newDocWriter(w)
	n := len(m.Rules)
	b.WriteString("# Falco rules overview\n\n")
	fmt.Fprintf(b, "%s from %s, read against ATT&CK %s.\n\n", capitalize(plural(n, "rule")), mdFiles(m.Files), dataset(m.Catalog))
	groups, _ := m.Split(coverage.SplitMaturity)
	var index []string
	for _, g := range groups {
		index = append(index, fmt.Sprintf("[%s](%s)", maturityHeading(g.Name), mdAnchor(maturityHeading(g.Name))))
	}
	index = append(index, "[Statistics](#statistics)", "[Gaps](#gaps)")
	if len(m.Uncounted) > 0 {
		index = append(index, "[Tags that count for nothing](#tags-that-count-for-nothing)")
	}
	if hasFindings(m) {
		index = append(index, "[Check findings](#check-findings)")
	}
	b.WriteString(strings.Join(index, " | ") + "\n")
	for _, g := range groups {
		fmt.Fprintf(b, "\n## %s\n\n", maturityHeading(g.Name))
		fmt.Fprintf(b, "%s (%s of the rules).\n\n", capitalize(plural(len(g.Model.Rules), "rule")), pct(len(g.Model.Rules), n))
		overviewTable(b, g.Model.Rules)
	}
	b.WriteString("\n## Statistics\n")
	overviewStats(b, m)
	b.WriteString("\n## Gaps\n\n")
	mdGaps(b, m)
	mdUncounted(b, m, "##")
	overviewFindings(b, m)
	return b.Flush()
}

// maturityHeading names a maturity group.
func maturityHeading(maturity string) string {
	if maturity == "" {
		return "Rules with no maturity tag"
	}
	return "maturity_" + maturity
}

// mdFiles names the files as code spans.
func mdFiles(files []string) string {
	q := make([]string, len(files))
	for i, f := range files {
		q[i] = "`" + codeCell(f) + "`"
	}
	if len(q) == 0 {
		return "no files"
	}
	return joinAnd(q)
}

func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// overviewTable writes one maturity group's rules, by name.
func overviewTable(b *bufio.Writer, rules []*coverage.Rule) {
	rs := slices.Clone(rules)
	slices.SortStableFunc(rs, func(a, b *coverage.Rule) int {
		return coverage.CompareLower(a.Name, b.Name)
	})
	b.WriteString("| rule | desc | workload | tactics | techniques | other tags | compliance tags | enabled |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|\n")
	for _, r := range rs {
		var tactics, techs, compliance []string
		for _, t := range r.Tactics {
			tactics = append(tactics, mdTactic(t))
		}
		for _, t := range r.Techniques {
			techs = append(techs, mdTechniqueTag(t))
		}
		for _, t := range r.Compliance {
			compliance = append(compliance, mdCompliance(t))
		}
		var other []string
		for _, t := range r.Other {
			other = append(other, cell(t))
		}
		enabled := "yes"
		if !r.Enabled {
			enabled = "no"
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n",
			cell(r.Name), cell(strings.TrimSpace(r.Desc)), strings.Join(r.Workload, ", "),
			strings.Join(tactics, ", "), strings.Join(techs, ", "), strings.Join(other, ", "),
			strings.Join(compliance, ", "), enabled)
	}
}

// mdTechniqueTag shows a technique tag: linked with its name when known,
// marked when it counts for nothing.
func mdTechniqueTag(t coverage.TechniqueTag) string {
	switch {
	case t.Technique == nil:
		return "`" + codeCell(t.Tag) + "` (unknown)"
	case t.Technique.Revoked:
		return mdTechnique(t.Technique) + " (revoked)"
	case t.Technique.Deprecated:
		return mdTechnique(t.Technique) + " (deprecated)"
	}
	return mdTechnique(t.Technique)
}

func mdCompliance(tag string) string {
	if u := ComplianceURL(tag); u != "" {
		return fmt.Sprintf("[%s](%s)", cell(tag), u)
	}
	return cell(tag)
}

// overviewStats writes the rules per workload, per tactic and per
// compliance tag.
func overviewStats(b *bufio.Writer, m *coverage.Model) {
	n := len(m.Rules)
	b.WriteString("\n### Rules per workload\n\n")
	b.WriteString("Rules tagged both `container` and `host` count once, in a row of their own.\n\n")
	b.WriteString("| workload | rules | % of rules |\n|---|---:|---:|\n")
	for _, c := range m.Workloads() {
		name := c.Name
		if name == "" {
			name = "neither"
		}
		fmt.Fprintf(b, "| %s | %d | %s |\n", name, len(c.Rules), pct(len(c.Rules), n))
	}
	b.WriteString("\n### Rules per ATT&CK tactic\n\n")
	b.WriteString("A rule counts under each tactic it tags.\n\n")
	b.WriteString("| tactic | rules | % of rules | techniques covered | rules by maturity |\n|---|---:|---:|---:|---|\n")
	for _, col := range m.Columns {
		if len(col.Rules) == 0 {
			continue
		}
		fmt.Fprintf(b, "| %s | %d | %s | %d of %d (%s) | %s |\n", mdTactic(col.Tactic), len(col.Rules), pct(len(col.Rules), n),
			col.Covered, col.Techniques, pct(col.Covered, col.Techniques), rulesByMaturity(col.Rules))
	}
	comp := m.Compliance()
	if len(comp) == 0 {
		return
	}
	b.WriteString("\n### Rules per compliance tag\n\n")
	b.WriteString("| tag | rules | which |\n|---|---:|---|\n")
	for _, c := range comp {
		fmt.Fprintf(b, "| %s | %d | %s |\n", mdCompliance(c.Name), len(c.Rules), rulesByMaturity(c.Rules))
	}
}

// rulesByMaturity lists rules as "stable: A<br>sandbox: B", in maturity
// order and then by name.
func rulesByMaturity(rules []*coverage.Rule) string {
	var lines []string
	for _, c := range (&coverage.Model{Rules: rules}).Maturities() {
		for _, r := range c.Rules {
			m := r.Maturity
			if m == "" {
				m = "no maturity"
			}
			lines = append(lines, m+": "+cell(r.Name))
		}
	}
	return strings.Join(lines, "<br>")
}

func hasFindings(m *coverage.Model) bool {
	return slices.ContainsFunc(m.Rules, func(r *coverage.Rule) bool { return len(r.Findings) > 0 })
}

// overviewFindings writes the check findings of each rule that has some,
// rules by name.
func overviewFindings(b *bufio.Writer, m *coverage.Model) {
	if !hasFindings(m) {
		return
	}
	rs := slices.Clone(m.Rules)
	slices.SortStableFunc(rs, func(a, b *coverage.Rule) int {
		return coverage.CompareLower(a.Name, b.Name)
	})
	b.WriteString("\n## Check findings\n\n")
	b.WriteString("| rule | where | severity | check | finding |\n|---|---|---|---|---|\n")
	for _, r := range rs {
		for _, f := range r.Findings {
			msg := cell(f.Message)
			if t := f.Technique; t != nil {
				msg += fmt.Sprintf(" ([%s %s](%s))", t.ID, cell(t.Name), t.URL)
			}
			fmt.Fprintf(b, "| %s | `%s` | %s | [`%s`](%s) | %s |\n",
				cell(r.Name), codeCell(f.Range.String()), markdownSeverity(f.Severity), f.Code, DocURL(f.Code), msg)
		}
	}
}
