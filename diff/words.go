package diff

import (
	"strings"

	"github.com/falcomitre/falcomitre/attack"
)

// release names a catalog in messages: its version, which is what a
// maintainer pins, or its source when the data did not say.
func release(c *attack.Catalog) string {
	if c.Version != "" {
		return c.Version
	}
	return c.Domain + " from " + c.Source
}

// andList joins "a", "a and b", "a, b and c".
func andList(s []string) string {
	return joinList(s, " and ")
}

// orList joins "a", "a or b", "a, b or c".
func orList(s []string) string {
	return joinList(s, " or ")
}

func joinList(s []string, last string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + last + s[len(s)-1]
}

// plural picks the singular or plural form.
func plural(one bool, singular, many string) string {
	if one {
		return singular
	}
	return many
}

// tacticsPhrase is "tactic mitre_x" or "tactics mitre_x and mitre_y".
func tacticsPhrase(rs []TacticRef) string {
	return plural(len(rs) == 1, "tactic ", "tactics ") + andList(refTags(rs))
}
