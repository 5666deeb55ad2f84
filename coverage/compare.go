package coverage

import (
	"cmp"
	"strings"
)

// CompareLower is strings.Compare(strings.ToLower(a), strings.ToLower(b))
// without copying ASCII: sorting the rules of a large set called ToLower
// twice per comparison, and allocating took most of the time.
func CompareLower(a, b string) int {
	n := min(len(a), len(b))
	i := 0
	// Names mostly share a prefix: equal ASCII bytes lower alike.
	for i < n && a[i] == b[i] && a[i] < 0x80 {
		i++
	}
	for ; i < n; i++ {
		x, y := a[i], b[i]
		if x >= 0x80 || y >= 0x80 {
			// What precedes is ASCII, so lowered alike rune by rune.
			return strings.Compare(strings.ToLower(a[i:]), strings.ToLower(b[i:]))
		}
		if c := cmp.Compare(lowerASCII(x), lowerASCII(y)); c != 0 {
			return c
		}
	}
	// One is a prefix of the other, and lowering never empties a string.
	return cmp.Compare(len(a), len(b))
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
