package check

import "github.com/falcomitre/falcomitre/diag"

var badSuppression = &Check{
	Doc: Doc{
		Code:     "bad-suppression",
		Severity: diag.Note,
		Title:    "A falcomitre:ignore comment that is not written as it should be",
		Text: `A suppression comment reads "# falcomitre:ignore CODE[,CODE] reason", after a tag or on
the line of a rule's first key ("- rule:") or just above it. This note says it names no code, names
a code that is not a check (a misspelling suppresses nothing), names bad-suppression or
unused-suppression (which only the configuration's "disable" turns off), or gives no reason. The
reason is for the next reader: why the finding does not apply to this rule.`,
	},
	// Suppressions are read once every rule has been checked: see
	// Report.suppress.
	Run: func(*Pass) {},
}
