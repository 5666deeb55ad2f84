package check

import (
	"fmt"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/diag"
)

var revokedTechnique = &Check{
	Doc: Doc{
		Code:     "revoked-technique",
		Severity: diag.Error,
		Title:    "Technique that ATT&CK has revoked",
		Text: `ATT&CK revokes a technique when it merges it into another or splits it up; the revoked ID
stays in the data only to point at its replacement ("revoked-by"). A rule tagged with a revoked ID
is mapped to a technique that no longer exists: coverage reports count it nowhere. Replace the tag
with the technique that replaced it; falcomitre follows chains of revocations to the live one.`,
	},
	Run: func(p *Pass) {
		for _, t := range p.Tags {
			tech := t.Technique
			if tech == nil || !tech.Revoked {
				continue
			}
			rt := p.revokedText(tech)
			p.reportTag(t, rt.msg, rt.detail, tech, rt.ids...)
			if len(rt.ids) > 0 {
				fixRevoked(p, t, rt.ids)
			}
		}
	},
}

// revokedText is what a revoked-technique finding says of a technique:
// the same for every tag of it.
type revokedText struct {
	msg, detail string
	ids         []string // the replacements' IDs; only read
}

// revokedText returns the text of tech's findings, made once per
// technique and goroutine.
func (p *Pass) revokedText(tech *attack.Technique) *revokedText {
	c := p.caches()
	if rt := c.revoked[tech]; rt != nil {
		return rt
	}
	repl := p.Catalog.Replacements(tech)
	var names, ids []string
	for _, r := range repl {
		names = append(names, techName(r))
		ids = append(ids, r.ID)
	}
	msg := fmt.Sprintf("%s was revoked in ATT&CK", techName(tech))
	detail := ""
	switch len(repl) {
	case 0:
		msg += " and nothing replaces it; choose a current technique"
	case 1:
		msg += "; it is replaced by " + names[0]
		detail = "See " + repl[0].URL()
	default:
		msg += "; it is replaced by " + orList(names) + ": choose the one the rule detects"
	}
	rt := &revokedText{msg: msg, detail: detail, ids: ids}
	c.revoked[tech] = rt
	return rt
}

// fixRevoked writes the replacement in place of the revoked ID; with
// several replacements, the first, as an unsafe fix. When the item has the
// replacement already, the revoked tag goes.
func fixRevoked(p *Pass, t *TagInfo, ids []string) {
	var e edits
	kind, format := "replace-revoked", "replace %s with %s"
	if itemHas(t.Tag, ids[0]) {
		e.remove(t.Tag)
		kind, format = "remove-revoked", "remove %s: the item has %s already"
	} else {
		e.replace(t.Tag, ids[0])
	}
	unsafe := len(ids) > 1
	// The replacements follow from the tag's value, and so does the title.
	title := p.text(kind, t.Value, func() string {
		title := fmt.Sprintf(format, t.Value, ids[0])
		if unsafe {
			title += ", " + firstOf("replacements", ids)
		}
		return title
	})
	p.attach(&e, title, unsafe)
}
