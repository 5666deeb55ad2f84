package check

import (
	"fmt"

	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/rules"
)

var ignoredTags = &Check{
	Doc: Doc{
		Code:     "ignored-tags",
		Severity: diag.Warning,
		Title:    "Tags that Falco silently drops",
		Text: `Falco ignores tags in three places without any warning: in an item with "append: true"
(the legacy append only adds condition and exceptions), in an enable-only item (one that only sets
"enabled"), and under any key other than "tags" ("Tags:", "tag:"). The author meant the rule to
carry them; it does not. Use "override: {tags: append}" to add tags to an existing rule, and spell
the key "tags".`,
	},
	Run: func(p *Pass) {
		for _, it := range p.Rule.Items {
			if it.TagsIgnored != "" && it.TagsKey != nil && p.anyATTACKLike(it.Tags) {
				what := "an enable-only item"
				if it.TagsIgnored != "enable-only" {
					what = fmt.Sprintf("an item with %q", it.TagsIgnored)
				}
				msg := fmt.Sprintf("Falco ignores the tags of %s; use \"override: {tags: append}\" to add tags to rule %q", what, p.Rule.Name)
				p.report(it.TagsKey.Range, "", msg, "", nil)
			}
			if !p.anyATTACKLike(it.StrayTags) && len(it.StrayTags) > 0 {
				continue // every stray tag is one the options say is never ATT&CK
			}
			for _, k := range it.StrayTagKeys {
				msg := fmt.Sprintf("Falco ignores key %q: the key is spelt \"tags\"", k.Name)
				p.report(k.Range, "", msg, "", nil, "tags")
			}
		}
	},
}

// anyATTACKLike reports whether some of tags are not among those the
// options say are never ATT&CK: an item whose dropped tags are all such
// tags loses nothing falcomitre checks.
func (p *Pass) anyATTACKLike(tags []rules.Tag) bool {
	for _, t := range tags {
		if !p.notATTACK(t.Value) {
			return true
		}
	}
	return false
}
