package report

import (
	"bufio"
	"fmt"
	"strings"
	"unicode"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/coverage"
)

// What the coverage documents (overview, matrix, layer, coverage diff)
// share: how they name the data and the scope, link ATT&CK and compliance
// controls, and list the gaps and the tags that count for nothing.

// pciURL is the PCI DSS v4.0 standard: its requirements have no pages of
// their own, so every PCI_DSS_ tag links the document, as the
// falcosecurity rules overview does.
const pciURL = "https://docs-prv.pcisecuritystandards.org/PCI%20DSS/Standard/PCI-DSS-v4_0.pdf"

// nistURL is where each NIST SP 800-53 rev. 5 control has a page, under
// its family: .../ac/ac-2/.
const nistURL = "https://csf.tools/reference/nist-sp-800-53/r5/"

// ComplianceURL returns the page of a PCI_DSS_ or NIST_800-53_ tag's
// control, "" for other tags.
func ComplianceURL(tag string) string {
	switch {
	case strings.HasPrefix(tag, "PCI_DSS_"):
		return pciURL
	case strings.HasPrefix(tag, "NIST_800-53_"):
		control := strings.ToLower(strings.TrimPrefix(tag, "NIST_800-53_"))
		family, _, ok := strings.Cut(control, "-")
		if !ok || family == "" || strings.ContainsAny(control, "/?#() ") {
			return ""
		}
		return nistURL + family + "/" + control + "/"
	}
	return ""
}

// dataset names the ATT&CK data: "enterprise-attack 18.1 (embedded)".
func dataset(cat *attack.Catalog) string {
	s := cat.Domain + " " + cat.Version
	if cat.Source != "" {
		s += " (" + cat.Source + ")"
	}
	return s
}

// scopeText says which techniques count, for a sentence.
func scopeText(s coverage.Scope) string {
	switch s.From {
	case coverage.ScopeGiven:
		return "the techniques of the platforms " + strings.Join(s.Platforms, ", ")
	case coverage.ScopeSources:
		return fmt.Sprintf("the techniques of the platforms %s (the defaults of the rules' event %s %s)",
			strings.Join(s.Platforms, ", "), pluralWord(len(s.Sources), "source"), strings.Join(s.Sources, ", "))
	}
	return "every technique, whatever its platform"
}

func pluralWord(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// pct formats a share as "35.3%", and a share of nothing as "–".
func pct(n, total int) string {
	if total == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f%%", coverage.Percent(n, total))
}

// coveredText is "57 of 210 techniques covered (27.1%)".
func coveredText(covered, total int) string {
	return fmt.Sprintf("%d of %s covered (%s)", covered, plural(total, "technique"), pct(covered, total))
}

// reasonText says in words why a tag counts for nothing.
func reasonText(u coverage.Uncounted) string {
	switch u.Reason {
	case coverage.ReasonUnknown:
		return "not in the ATT&CK data"
	case coverage.ReasonRevoked:
		return "revoked technique"
	case coverage.ReasonDeprecated:
		return "deprecated in ATT&CK"
	case coverage.ReasonNoTactic:
		return "the rule tags no tactic"
	case coverage.ReasonTacticMismatch:
		return "none of the rule's tactics is one of the technique's"
	case coverage.ReasonNoParent:
		return "its parent technique is no longer live"
	}
	return u.Reason
}

// mdTechnique links a technique with its ID and name.
func mdTechnique(t *attack.Technique) string {
	return fmt.Sprintf("[%s %s](%s)", t.ID, cell(t.Name), t.URL())
}

// mdTactic links a tactic by name.
func mdTactic(t *attack.Tactic) string {
	return fmt.Sprintf("[%s](%s)", cell(t.Name), t.URL())
}

// mdAnchor is the fragment GitHub gives a heading: lower case, spaces as
// hyphens, other punctuation dropped.
func mdAnchor(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return "#" + b.String()
}

// mdGaps writes the coverage of each tactic and, folded, the techniques
// in scope that no rule covers.
func mdGaps(b *bufio.Writer, m *coverage.Model) {
	fmt.Fprintf(b, "Counted: %s; sub-techniques count toward their parent. %s.\n\n",
		scopeText(m.Scope), capitalize(coveredText(m.Covered, m.Techniques)))
	b.WriteString("| tactic | covered | techniques | % |\n|---|---:|---:|---:|\n")
	for _, col := range m.Columns {
		fmt.Fprintf(b, "| %s | %d | %d | %s |\n", mdTactic(col.Tactic), col.Covered, col.Techniques, pct(col.Covered, col.Techniques))
	}
	for _, col := range m.Columns {
		gaps := col.Gaps()
		if len(gaps) == 0 {
			continue
		}
		fmt.Fprintf(b, "\n<details><summary>%s: %s uncovered</summary>\n\n", htmlEscape(col.Tactic.Name), plural(len(gaps), "technique"))
		for _, c := range gaps {
			fmt.Fprintf(b, "- %s\n", mdTechnique(c.Technique))
		}
		b.WriteString("\n</details>\n")
	}
}

// mdUncounted writes the ATT&CK tags that cover nothing, if any.
func mdUncounted(b *bufio.Writer, m *coverage.Model, level string) {
	if len(m.Uncounted) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s Tags that count for nothing\n\n", level)
	b.WriteString("These ATT&CK tags place their rule in no cell of the matrix; the check findings say what to write instead.\n\n")
	b.WriteString("| rule | tag | why |\n|---|---|---|\n")
	for _, u := range m.Uncounted {
		fmt.Fprintf(b, "| %s | `%s` | %s |\n", cell(u.Rule.Name), codeCell(u.Tag), reasonText(u))
	}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
