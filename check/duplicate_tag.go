package check

import (
	"fmt"

	"github.com/falcomitre/falcomitre/diag"
)

var duplicateTag = &Check{
	Doc: Doc{
		Code:     "duplicate-tag",
		Severity: diag.Warning,
		Title:    "The same tag twice in one item",
		Text: `Falco stores a rule's tags as a set, so the second copy of a tag is dropped without a word.
A repeated tag is harmless to Falco but usually hides a mistake: a different tag was meant. Remove
the copy, or write the tag that was intended.`,
	},
	Run: func(p *Pass) {
		for _, it := range p.Rule.Items {
			if it.TagsIgnored != "" {
				continue // ignored-tags speaks for these
			}
			seen := map[string]bool{}
			for _, t := range it.Tags {
				if p.notATTACK(t.Value) {
					continue
				}
				if seen[t.Value] {
					msg := p.text("repeated-msg", t.Value, func() string {
						return fmt.Sprintf("tag %q is repeated in this item; Falco keeps only one", t.Value)
					})
					p.report(t.Range, t.Value, msg, "", nil)
					var e edits
					e.remove(t)
					p.attach(&e, p.text("remove-repeated", t.Value, func() string {
						return fmt.Sprintf("remove the repeated %q", t.Value)
					}), false)
				}
				seen[t.Value] = true
			}
		}
	},
}
