package fix

import "github.com/falcomitre/falcomitre/rules"

// TagsChanged counts the tags that differ between two versions of a file
// with the same items (as Verify proves): per item, the edit distance
// between the two lists of tags, so that a rewritten or replaced tag
// counts once, a tag split in two (Mitre_discovery_system_service_discovery
// into mitre_discovery and T1007) twice, and a removed or added tag once.
func TagsChanged(before, after *rules.File) int {
	n := 0
	for i, x := range before.Items {
		if i < len(after.Items) {
			n += distance(x.Tags, after.Items[i].Tags)
		}
	}
	return n
}

// distance is the Levenshtein distance of two lists of tags by value.
func distance(a, b []rules.Tag) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1].Value == b[j-1].Value {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
