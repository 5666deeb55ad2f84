package check

import (
	"strings"
	"sync"

	"github.com/falcomitre/falcomitre/attack"
)

// nameIndex finds tactics and techniques by the words of a tag.
type nameIndex struct {
	cat     *attack.Catalog
	tactics map[string]*attack.Tactic      // normalised name or shortname
	techs   map[string][]*attack.Technique // normalised name, live first
	// tags are the tactics' canonical tags, made once: messages and
	// fixes of most rules name some.
	tags map[*attack.Tactic]string
}

var nameIndexes sync.Map // *attack.Catalog → *nameIndex

func namesFor(cat *attack.Catalog) *nameIndex {
	if v, ok := nameIndexes.Load(cat); ok {
		return v.(*nameIndex)
	}
	n := &nameIndex{
		cat:     cat,
		tactics: map[string]*attack.Tactic{},
		techs:   map[string][]*attack.Technique{},
		tags:    make(map[*attack.Tactic]string, len(cat.Tactics)),
	}
	for _, t := range cat.Tactics {
		n.tags[t] = t.Tag()
		n.tactics[attack.NormalizeName(t.Name)] = t
		n.tactics[attack.NormalizeName(t.Shortname)] = t
	}
	for _, t := range cat.Techniques {
		k := attack.NormalizeName(t.Name)
		if t.Revoked || t.Deprecated {
			n.techs[k] = append(n.techs[k], t)
		} else {
			n.techs[k] = append([]*attack.Technique{t}, n.techs[k]...)
		}
	}
	v, _ := nameIndexes.LoadOrStore(cat, n)
	return v.(*nameIndex)
}

// tacticTag is t.Tag(), made once per tactic of the catalog.
func (n *nameIndex) tacticTag(t *attack.Tactic) string {
	if n != nil {
		if tag, ok := n.tags[t]; ok {
			return tag
		}
	}
	return t.Tag()
}

func (n *nameIndex) tactic(words []string) *attack.Tactic {
	return n.tactics[strings.Join(words, " ")]
}

// technique returns the live technique with exactly this name, or nil.
func (n *nameIndex) technique(words []string) *attack.Technique {
	return n.techniqueByName(strings.Join(words, " "))
}

func (n *nameIndex) techniqueByName(norm string) *attack.Technique {
	if ts := n.techs[norm]; len(ts) > 0 && !ts[0].Revoked && !ts[0].Deprecated {
		return ts[0]
	}
	return nil
}

// tacticHints says what unknown tactic words may have meant: the closest
// tactic tag, or the technique whose name the words are (mitre_data_destruction
// → T1485), or a technique whose name is one typo away.
func (n *nameIndex) tacticHints(words []string) []string {
	if len(words) == 0 {
		return nil
	}
	w := strings.Join(words, " ")
	if t := n.techniqueByName(w); t != nil {
		return []string{t.ID}
	}
	var best *attack.Tactic
	bestD := len(w)/3 + 1
	for _, t := range n.cat.Tactics {
		if d := distance(w, attack.NormalizeName(t.Name)); d < bestD {
			best, bestD = t, d
		}
	}
	if best != nil {
		return []string{best.Tag()}
	}
	if t := n.closeTechnique(w); t != nil {
		return []string{t.ID}
	}
	return nil
}

// closeTechnique finds a live technique whose name is within a couple of
// edits of w (remote service → Remote Services).
func (n *nameIndex) closeTechnique(w string) *attack.Technique {
	if len(w) < 6 {
		return nil
	}
	var best *attack.Technique
	bestD := 3
	for _, t := range n.cat.Techniques {
		if t.Revoked || t.Deprecated {
			continue
		}
		if d := distance(w, attack.NormalizeName(t.Name)); d < bestD {
			best, bestD = t, d
		}
	}
	return best
}

// distance is the Levenshtein distance of a and b in bytes; tag words are
// ASCII in practice.
func distance(a, b string) int {
	if a == b {
		return 0
	}
	if d := len(a) - len(b); d > 8 || d < -8 {
		return 9
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
