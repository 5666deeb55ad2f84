package check

import "github.com/falcomitre/falcomitre/diag"

var unusedSuppression = &Check{
	Doc: Doc{
		Code:     "unused-suppression",
		Severity: diag.Note,
		Title:    "A falcomitre:ignore comment that suppresses nothing",
		Text: `A suppression comment names a check that has no finding where the comment applies:
the tag was fixed, the rule changed, or the comment is in a place suppressions are not read from
(they go after a tag, on the line of a rule's first key, or on the line just above it). A stale
suppression would hide the next real finding of that check, so remove it. A comment naming a check
that did not run (disabled in the configuration) is not reported.`,
	},
	// Suppressions are read once every rule has been checked: see
	// Report.suppress.
	Run: func(*Pass) {},
}
