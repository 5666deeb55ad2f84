package fix

import "github.com/falcomitre/falcomitre/rules"

// TagsChanged counts the tags that differ between two versions of a file
// with the same items (as Verify proves): per item, the edit distance
// between the two lists of tags, so that a rewritten or replaced tag
// counts once, a tag split in two (Mitre_discovery_system_service_discovery
// into mitre_discovery and T1007) twice, and a removed or added tag once.
func TagsChanged(before, after *rules.File) int {
	return tagsOf(before).changed(after)
}

// itemTags are the tags of each item of a file, by value: what Run keeps
// of a file before its first fix to count against the file as fixed.
type itemTags struct {
	values []string
	ends   []int // item i's tags are values[ends[i-1]:ends[i]]
}

func tagsOf(f *rules.File) *itemTags {
	n := 0
	for _, it := range f.Items {
		n += len(it.Tags)
	}
	t := &itemTags{values: make([]string, 0, n), ends: make([]int, 0, len(f.Items))}
	for _, it := range f.Items {
		for _, tag := range it.Tags {
			t.values = append(t.values, tag.Value)
		}
		t.ends = append(t.ends, len(t.values))
	}
	return t
}

// changed is TagsChanged from the tags t holds to after's.
func (t *itemTags) changed(after *rules.File) int {
	n, from := 0, 0
	for i, end := range t.ends {
		if i < len(after.Items) {
			n += distance(t.values[from:end], after.Items[i].Tags)
		}
		from = end
	}
	return n
}

// distance is the Levenshtein distance of two lists of tags by value.
func distance(a []string, b []rules.Tag) int {
	var small [32]int
	rows := small[:]
	if 2*(len(b)+1) > len(small) {
		rows = make([]int, 2*(len(b)+1))
	}
	prev, cur := rows[:len(b)+1], rows[len(b)+1:2*(len(b)+1)]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1].Value {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
