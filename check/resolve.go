package check

import (
	"strings"

	"github.com/falcomitre/falcomitre/attack"
)

// resolve reads one tag against the catalog. It returns false for tags
// that do not look like ATT&CK.
func (p *Pass) resolve(tag *TagInfo) bool {
	ref := attack.ParseTag(tag.Value)
	if ref.Form == attack.NotATTACK {
		return false
	}
	tag.Ref = ref
	cat := p.Catalog
	switch ref.Form {
	case attack.TechniqueID:
		tag.TechniqueRole = true
		tag.Technique = cat.Technique(ref.ID)
		tag.Unknown = tag.Technique == nil
		tag.Canonical = []string{ref.ID}
	case attack.TacticID:
		tag.TacticRole = true
		tac := cat.TacticByID(ref.ID)
		if tac == nil {
			tag.Unknown = true
			tag.Hint = p.names.tacticHints(ref.Words)
			break
		}
		tag.Tactics = []*attack.Tactic{tac}
		if ref.Prefixed {
			// MITRE_TA0005_defense_evasion was meant as the tactic tag.
			tag.Canonical = []string{tac.Tag()}
		} else {
			tag.Canonical = []string{ref.ID}
		}
	case attack.TacticWords:
		p.resolveWords(tag)
	}
	return true
}

// resolveWords reads mitre_<words>: a tactic, a tactic followed by a
// technique name (Mitre_discovery_system_service_discovery), or, when the
// author did not write the canonical form, a technique name
// (mitre account manipulation).
func (p *Pass) resolveWords(tag *TagInfo) {
	words := tag.Ref.Words
	if tac := p.names.tactic(words); tac != nil {
		tag.TacticRole = true
		tag.Tactics = []*attack.Tactic{tac}
		tag.Canonical = []string{tac.Tag()}
		return
	}
	for k := 1; k < len(words); k++ {
		tac := p.names.tactic(words[:k])
		if tac == nil {
			continue
		}
		if tech := p.names.technique(words[k:]); tech != nil {
			tag.TacticRole, tag.TechniqueRole = true, true
			tag.Tactics = []*attack.Tactic{tac}
			tag.Technique = tech
			tag.Canonical = []string{tac.Tag(), tech.ID}
			return
		}
	}
	if tech := p.names.technique(words); tech != nil && !tag.Ref.Canonical {
		tag.TechniqueRole = true
		tag.Technique = tech
		tag.Canonical = []string{tech.ID}
		return
	}
	// mitre_<something> is a tactic tag by convention; it names none.
	tag.TacticRole = true
	tag.Unknown = true
	tag.Hint = p.names.tacticHints(words)
}

// words joins a tag's words for messages.
func words(ref attack.TagRef) string { return strings.Join(ref.Words, " ") }
