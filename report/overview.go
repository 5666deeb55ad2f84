package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/falcomitre/falcomitre/check"
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
	byName := rulesByName(m.Rules)
	groups := coverage.MaturityNames(m.Rules)
	var index []string
	for _, g := range groups {
		index = append(index, fmt.Sprintf("[%s](%s)", maturityHeading(g), mdAnchor(maturityHeading(g))))
	}
	index = append(index, "[Statistics](#statistics)", "[Gaps](#gaps)")
	if len(m.Uncounted) > 0 {
		index = append(index, "[Tags that count for nothing](#tags-that-count-for-nothing)")
	}
	if hasFindings(m) {
		index = append(index, "[Check findings](#check-findings)")
	}
	b.WriteString(strings.Join(index, " | ") + "\n")
	lk := newLinks()
	for _, g := range groups {
		rules := withMaturity(byName, g)
		fmt.Fprintf(b, "\n## %s\n\n", maturityHeading(g))
		fmt.Fprintf(b, "%s (%s of the rules).\n\n", capitalize(plural(len(rules), "rule")), pct(len(rules), n))
		overviewTable(b, rules, lk)
	}
	b.WriteString("\n## Statistics\n")
	overviewStats(b, m)
	b.WriteString("\n## Gaps\n\n")
	mdGaps(b, m)
	mdUncounted(b, m, "##")
	overviewFindings(b, byName)
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

// rulesByName returns the rules sorted by name as the overview lists
// them; sorting once serves every table.
func rulesByName(rules []*coverage.Rule) []*coverage.Rule {
	rs := slices.Clone(rules)
	slices.SortStableFunc(rs, func(a, b *coverage.Rule) int {
		return coverage.CompareLower(a.Name, b.Name)
	})
	return rs
}

// withMaturity returns the rules of one maturity, in the order given.
func withMaturity(rules []*coverage.Rule, maturity string) []*coverage.Rule {
	n := 0
	for _, r := range rules {
		if r.Maturity == maturity {
			n++
		}
	}
	out := make([]*coverage.Rule, 0, n)
	for _, r := range rules {
		if r.Maturity == maturity {
			out = append(out, r)
		}
	}
	return out
}

// overviewTable writes one maturity group's rules, sorted by name.
func overviewTable(b *bufio.Writer, rules []*coverage.Rule, lk *links) {
	b.WriteString("| rule | desc | workload | tactics | techniques | other tags | compliance tags | enabled |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|\n")
	for _, r := range rules {
		overviewRow(b, r, lk)
	}
}

// overviewRow writes one rule's row, piece by piece.
func overviewRow(b *bufio.Writer, r *coverage.Rule, lk *links) {
	b.WriteString("| ")
	writeCell(b, r.Name)
	b.WriteString(" | ")
	writeCell(b, strings.TrimSpace(r.Desc))
	b.WriteString(" | ")
	for i, w := range r.Workload {
		writeSep(b, i)
		b.WriteString(w)
	}
	b.WriteString(" | ")
	for i, t := range r.Tactics {
		writeSep(b, i)
		lk.writeTactic(b, t)
	}
	b.WriteString(" | ")
	for i, t := range r.Techniques {
		writeSep(b, i)
		lk.writeTechniqueTag(b, t)
	}
	b.WriteString(" | ")
	writeJoined(b, r.Other, writeCell)
	b.WriteString(" | ")
	writeJoined(b, r.Compliance, writeCompliance)
	if r.Enabled {
		b.WriteString(" | yes |\n")
	} else {
		b.WriteString(" | no |\n")
	}
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
	for _, c := range workloads(m.Rules) {
		name := c.name
		if name == "" {
			name = "neither"
		}
		fmt.Fprintf(b, "| %s | %d | %s |\n", name, c.n, pct(c.n, n))
	}
	b.WriteString("\n### Rules per ATT&CK tactic\n\n")
	b.WriteString("A rule counts under each tactic it tags.\n\n")
	b.WriteString("| tactic | rules | % of rules | techniques covered | rules by maturity |\n|---|---:|---:|---:|---|\n")
	for _, col := range m.Columns {
		if len(col.Rules) == 0 {
			continue
		}
		fmt.Fprintf(b, "| %s | %d | %s | %d of %d (%s) | ", mdTactic(col.Tactic), len(col.Rules), pct(len(col.Rules), n),
			col.Covered, col.Techniques, pct(col.Covered, col.Techniques))
		writeByMaturity(b, col.Rules)
		b.WriteString(" |\n")
	}
	comp := m.Compliance()
	if len(comp) == 0 {
		return
	}
	b.WriteString("\n### Rules per compliance tag\n\n")
	b.WriteString("| tag | rules | which |\n|---|---:|---|\n")
	for _, c := range comp {
		fmt.Fprintf(b, "| %s | %d | ", mdCompliance(c.Name), len(c.Rules))
		writeByMaturity(b, c.Rules)
		b.WriteString(" |\n")
	}
}

// tally is how many rules share a value.
type tally struct {
	name string
	n    int
}

// workloads counts the rules as Model.Workloads does, most first, then
// by name; Workloads also sorts each one's rules, which a count does not
// need.
func workloads(rules []*coverage.Rule) []tally {
	var out []tally
	at := map[string]int{}
	for _, r := range rules {
		k := strings.Join(r.Workload, ", ")
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, tally{name: k})
		}
		out[i].n++
	}
	slices.SortFunc(out, func(a, b tally) int { return cmp.Or(b.n-a.n, strings.Compare(a.name, b.name)) })
	return out
}

// writeByMaturity lists rules as "stable: A<br>sandbox: B", in maturity
// order and then by name. The lists of the model are by name already, so
// each maturity's rules are picked out in order rather than sorted.
func writeByMaturity(b *bufio.Writer, rules []*coverage.Rule) {
	sep := ""
	for _, m := range coverage.MaturityNames(rules) {
		label := m
		if label == "" {
			label = "no maturity"
		}
		for _, r := range rules {
			if r.Maturity != m {
				continue
			}
			b.WriteString(sep)
			b.WriteString(label)
			b.WriteString(": ")
			writeCell(b, r.Name)
			sep = "<br>"
		}
	}
}

func hasFindings(m *coverage.Model) bool {
	return slices.ContainsFunc(m.Rules, func(r *coverage.Rule) bool { return len(r.Findings) > 0 })
}

// overviewFindings writes the check findings of each rule that has some,
// rules by name.
func overviewFindings(b *bufio.Writer, byName []*coverage.Rule) {
	if !slices.ContainsFunc(byName, func(r *coverage.Rule) bool { return len(r.Findings) > 0 }) {
		return
	}
	b.WriteString("\n## Check findings\n\n")
	b.WriteString("| rule | where | severity | check | finding |\n|---|---|---|---|---|\n")
	for _, r := range byName {
		for i := range r.Findings {
			findingRow(b, r, &r.Findings[i])
		}
	}
}

// findingRow writes one finding's row, piece by piece.
func findingRow(b *bufio.Writer, r *coverage.Rule, f *check.Finding) {
	b.WriteString("| ")
	writeCell(b, r.Name)
	b.WriteString(" | `")
	writeRange(b, f.Range)
	b.WriteString("` | ")
	b.WriteString(markdownSeverity(f.Severity))
	b.WriteString(" | [`")
	b.WriteString(f.Code)
	b.WriteString("`](")
	b.WriteString(ProjectURL + "/blob/main/docs/checks/") // DocURL
	b.WriteString(f.Code)
	b.WriteString(".md")
	b.WriteString(") | ")
	writeCell(b, f.Message)
	if t := f.Technique; t != nil {
		b.WriteString(" (")
		writeLink(b, t.ID, t.Name, t.URL)
		b.WriteByte(')')
	}
	b.WriteString(" |\n")
}
