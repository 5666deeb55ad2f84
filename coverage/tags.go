package coverage

import (
	"slices"
	"strings"
)

// The falcosecurity conventions for tags that are not ATT&CK: a maturity
// (CONTRIBUTING.md, "Rules Maturity Framework"), a workload, and
// compliance controls.
const (
	maturityPrefix = "maturity_"
	pciPrefix      = "PCI_DSS_"
	nistPrefix     = "NIST_800-53_"
)

// maturityOrder is the falcosecurity maturity levels, most mature first:
// the order the overview groups rules in. Other levels follow by name.
var maturityOrder = []string{"stable", "incubating", "sandbox", "deprecated"}

// IsCompliance reports whether tag names a compliance control.
func IsCompliance(tag string) bool {
	return strings.HasPrefix(tag, pciPrefix) || strings.HasPrefix(tag, nistPrefix)
}

// sortTags fills the rule's non-ATT&CK tag fields from its other tags,
// which come byte-sorted as Falco keeps them.
func (r *Rule) sortTags(tags []string) {
	var maturity []string
	for _, t := range tags {
		switch {
		case strings.HasPrefix(t, maturityPrefix) && len(t) > len(maturityPrefix):
			maturity = append(maturity, t[len(maturityPrefix):])
		case t == "host" || t == "container":
			r.Workload = append(r.Workload, t)
		case IsCompliance(t):
			r.Compliance = append(r.Compliance, t)
		default:
			r.Other = append(r.Other, t)
		}
	}
	slices.SortFunc(maturity, compareMaturity)
	r.Maturity = strings.Join(maturity, ", ")
}

// compareMaturity orders maturity levels as maturityOrder does, unknown
// ones after by name, and "" (no maturity tag) last.
func compareMaturity(a, b string) int {
	rank := func(m string) int {
		if m == "" {
			return len(maturityOrder) + 1
		}
		if i := slices.Index(maturityOrder, m); i >= 0 {
			return i
		}
		return len(maturityOrder)
	}
	if d := rank(a) - rank(b); d != 0 {
		return d
	}
	return strings.Compare(a, b)
}
