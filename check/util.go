package check

import (
	"fmt"
	"strings"

	"github.com/falcomitre/falcomitre/attack"
)

// dataset names the ATT&CK data in messages: "enterprise-attack 18.1".
func (p *Pass) dataset() string {
	return strings.TrimSpace(p.Catalog.Domain + " " + p.Catalog.Version)
}

// techName formats a technique as messages show it: T1611 (Escape to Host).
func techName(t *attack.Technique) string {
	return fmt.Sprintf("%s (%s)", t.ID, t.Name)
}

// tacticTags returns the canonical tags of tactics.
func (p *Pass) tacticTags(ts []*attack.Tactic) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = p.names.tacticTag(t)
	}
	return out
}

// orList joins items as "a, b or c".
func orList(items []string) string { return joinList(items, "or") }

// andList joins items as "a, b and c".
func andList(items []string) string { return joinList(items, "and") }

func joinList(items []string, word string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + word + " " + items[len(items)-1]
}
