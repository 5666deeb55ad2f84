package check

import (
	"fmt"

	"github.com/falcomitre/falcomitre/diag"
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
			if it.TagsIgnored != "" && it.TagsKey != nil && len(it.Tags) > 0 {
				what := "an enable-only item"
				if it.TagsIgnored != "enable-only" {
					what = fmt.Sprintf("an item with %q", it.TagsIgnored)
				}
				msg := fmt.Sprintf("Falco ignores the tags of %s; use \"override: {tags: append}\" to add tags to rule %q", what, p.Rule.Name)
				p.report(it.TagsKey.Range, "", msg, "", nil)
			}
			for _, k := range it.StrayTagKeys {
				msg := fmt.Sprintf("Falco ignores key %q: the key is spelt \"tags\"", k.Name)
				p.report(k.Range, "", msg, "", nil, "tags")
			}
		}
	},
}
