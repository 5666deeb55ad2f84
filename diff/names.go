package diff

import (
	"strings"

	"github.com/falcomitre/falcomitre/attack"
)

// names finds a catalog's tactics and live techniques by the words of a
// tag, the way the checks read mitre_<words> tags.
type names struct {
	tactics map[string]*attack.Tactic    // normalised name or shortname
	techs   map[string]*attack.Technique // normalised name, live only
}

func newNames(c *attack.Catalog) *names {
	n := &names{tactics: map[string]*attack.Tactic{}, techs: map[string]*attack.Technique{}}
	for _, t := range c.Tactics {
		n.tactics[attack.NormalizeName(t.Name)] = t
		n.tactics[attack.NormalizeName(t.Shortname)] = t
	}
	for _, t := range c.Techniques {
		k := attack.NormalizeName(t.Name)
		// Two live techniques can share a name (Spearphishing Voice);
		// the lower ID wins, as the catalog's order gives it first.
		if _, ok := n.techs[k]; !ok && !t.Revoked && !t.Deprecated {
			n.techs[k] = t
		}
	}
	return n
}

func (n *names) tactic(words []string) *attack.Tactic {
	return n.tactics[strings.Join(words, " ")]
}

func (n *names) technique(words []string) *attack.Technique {
	return n.techs[strings.Join(words, " ")]
}

// reading is what a tag names in one catalog: a tactic, a technique, both
// (Mitre_discovery_system_service_discovery) or neither.
type reading struct {
	tactic *attack.Tactic
	tech   *attack.Technique
}

// read resolves ref against c as check/resolve.go does, minus the hints:
// IDs by ID, mitre_<words> as a tactic, a tactic followed by a technique
// name, or (when not canonical) a technique name.
func read(c *attack.Catalog, n *names, ref attack.TagRef) reading {
	switch ref.Form {
	case attack.TechniqueID:
		return reading{tech: c.Technique(ref.ID)}
	case attack.TacticID:
		return reading{tactic: c.TacticByID(ref.ID)}
	case attack.TacticWords:
		w := ref.Words
		if t := n.tactic(w); t != nil {
			return reading{tactic: t}
		}
		for k := 1; k < len(w); k++ {
			if tac := n.tactic(w[:k]); tac != nil {
				if tech := n.technique(w[k:]); tech != nil {
					return reading{tactic: tac, tech: tech}
				}
			}
		}
		if !ref.Canonical {
			return reading{tech: n.technique(w)}
		}
	}
	return reading{}
}

// wordsFit reports whether a tag's words name tactic t; no words fit any.
func wordsFit(words []string, t *attack.Tactic) bool {
	if len(words) == 0 {
		return true
	}
	w := strings.Join(words, " ")
	return w == attack.NormalizeName(t.Name) || w == attack.NormalizeName(t.Shortname)
}
