package coverage

import (
	"slices"
	"strings"

	"github.com/falcomitre/falcomitre/rules"
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

// sortTags fills the rule's non-ATT&CK tag fields from its tags that
// read does not take, which come byte-sorted as Falco keeps them. The
// workload, compliance and other tags share one array, counted first.
func (r *Rule) sortTags(tags []*rules.Tag, read func(string) bool) {
	var n [tagOther + 1]int
	var maturity []string
	for i := range tags {
		t := tags[i].Value
		if read(t) {
			continue
		}
		if k := kindOf(t); k == tagMaturity {
			maturity = append(maturity, t[len(maturityPrefix):])
		} else {
			n[k]++
		}
	}
	if all := n[tagWorkload] + n[tagCompliance] + n[tagOther]; all > 0 {
		shared := make([]string, 0, all)
		r.Workload, shared = carve(shared, n[tagWorkload])
		r.Compliance, shared = carve(shared, n[tagCompliance])
		r.Other, _ = carve(shared, n[tagOther])
		for i := range tags {
			t := tags[i].Value
			if read(t) {
				continue
			}
			switch kindOf(t) {
			case tagWorkload:
				r.Workload = append(r.Workload, t)
			case tagCompliance:
				r.Compliance = append(r.Compliance, t)
			case tagOther:
				r.Other = append(r.Other, t)
			}
		}
	}
	slices.SortFunc(maturity, compareMaturity)
	r.Maturity = strings.Join(maturity, ", ")
}

// Kinds of tag that are not ATT&CK's.
const (
	tagWorkload = iota
	tagCompliance
	tagOther
	tagMaturity
)

func kindOf(t string) int {
	switch {
	case strings.HasPrefix(t, maturityPrefix) && len(t) > len(maturityPrefix):
		return tagMaturity
	case t == "host" || t == "container":
		return tagWorkload
	case IsCompliance(t):
		return tagCompliance
	}
	return tagOther
}

// carve returns an empty list with room for n from the start of
// shared's spare capacity (nil for none), and the rest of it.
func carve(shared []string, n int) (list, rest []string) {
	if n == 0 {
		return nil, shared
	}
	return shared[:0:n], shared[n:n:cap(shared)]
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
