package dataset

import (
	"cmp"
	"strconv"
	"strings"
)

// compareVersions orders dotted version numbers numerically, so 9.0 comes
// before 18.1; parts that are not numbers compare as text. The attack
// package has its own, unexported.
func compareVersions(a, b string) int {
	for a != "" || b != "" {
		var pa, pb string
		pa, a, _ = strings.Cut(a, ".")
		pb, b, _ = strings.Cut(b, ".")
		na, errA := strconv.Atoi(pa)
		nb, errB := strconv.Atoi(pb)
		if errA == nil && errB == nil {
			if c := cmp.Compare(na, nb); c != 0 {
				return c
			}
			continue
		}
		if c := strings.Compare(pa, pb); c != 0 {
			return c
		}
	}
	return 0
}

// normalizeVersion trims a user-given version and drops a leading "v", as
// the attack package reads versions, so "v17.0" finds a cached 17.0.
func normalizeVersion(v string) string {
	v = strings.TrimSpace(v)
	if len(v) > 1 && (v[0] == 'v' || v[0] == 'V') && v[1] >= '0' && v[1] <= '9' {
		v = v[1:]
	}
	return v
}
