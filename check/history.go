package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/falcomitre/falcomitre/attack"
)

// formerMeaning is what an unknown tag meant in an older release.
type formerMeaning struct {
	note   string
	former *FormerFacts
	now    *attack.Tactic // the tactic that holds the old ID today, if any
}

// history looks for an unknown tag in the embedded releases of cat's
// domain that are older than cat, newest first: a tag retired by a newer
// ATT&CK (v19's mitre_defense_evasion) then explains itself from the data
// instead of from a list of renames in our code.
func history(cat *attack.Catalog, t *TagInfo) *formerMeaning {
	releases := attack.EmbeddedVersions()
	slices.Reverse(releases)
	for _, r := range releases {
		if r.Domain != cat.Domain || attack.CompareVersions(r.Version, cat.Version) >= 0 {
			continue
		}
		old, err := attack.LoadEmbedded(r.Domain, r.Version)
		if err != nil {
			continue
		}
		if m := formerIn(cat, old, t.Ref); m != nil {
			return m
		}
	}
	return nil
}

// formerIn reads ref against old and says what became of it in cat.
func formerIn(cat, old *attack.Catalog, ref attack.TagRef) *formerMeaning {
	oldSet := old.Domain + " " + old.Version
	newSet := cat.Domain + " " + cat.Version
	var tac *attack.Tactic
	switch ref.Form {
	case attack.TacticWords:
		tac = old.TacticByShortname(strings.Join(ref.Words, "-"))
	case attack.TacticID:
		tac = old.TacticByID(ref.ID)
	case attack.TechniqueID:
		tech := old.Technique(ref.ID)
		if tech == nil {
			return nil
		}
		return &formerMeaning{
			note:   fmt.Sprintf("%s (%s) was a technique in %s and is not in %s", tech.ID, tech.Name, oldSet, newSet),
			former: &FormerFacts{Dataset: oldSet, ID: tech.ID, Name: tech.Name, URL: tech.URL()},
		}
	}
	if tac == nil {
		return nil
	}
	m := &formerMeaning{former: &FormerFacts{Dataset: oldSet, ID: tac.ID, Name: tac.Name, URL: tac.URL()}}
	m.note = fmt.Sprintf("%s was the tag of %s %s in %s", tac.Tag(), tac.ID, tac.Name, oldSet)
	if now := cat.TacticByID(tac.ID); now != nil {
		m.now = now
		m.note += fmt.Sprintf("; in %s %s is %s, tagged %s", newSet, now.ID, now.Name, now.Tag())
	} else {
		m.note += fmt.Sprintf("; %s has no %s", newSet, tac.ID)
	}
	return m
}
