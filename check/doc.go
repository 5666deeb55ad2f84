// Package check runs falcomitre's checks over loaded Falco rules and
// returns a typed Report: every finding with its stable code, severity,
// position, rule, tag and the ATT&CK facts behind it.
//
// Each check lives in a file of its own, named for its code, with its Doc
// beside the function; Checks lists them all.
package check

import "github.com/falcomitre/falcomitre/diag"

// Doc describes a check for users: its code never changes once released.
type Doc struct {
	Code     string        `json:"code"`     // kebab-case, says what is wrong
	Severity diag.Severity `json:"severity"` // default severity
	Title    string        `json:"title"`    // one line
	// Text says why it matters and how to fix it; Markdown.
	Text string `json:"text"`
}

// Check is one check: its Doc and the function that runs it on a rule.
type Check struct {
	Doc
	Run func(p *Pass)
}

// all lists every check, sorted by code; a test keeps codes unique and
// sorted.
var all = []*Check{
	badSuppression,
	deprecatedTechnique,
	duplicateTag,
	ignoredTags,
	incompleteTactics,
	missingTactic,
	missingTechnique,
	nameMismatch,
	nonCanonicalTag,
	platformMismatch,
	revokedTechnique,
	tacticIDMismatch,
	tacticMismatch,
	unknownTactic,
	unknownTechnique,
	unsupportedTactic,
	unusedSuppression,
	weakEvidence,
}

// Checks returns every check, sorted by code. Callers must not modify them.
func Checks() []*Check { return all }

// Lookup returns the check with the given code, or nil.
func Lookup(code string) *Check {
	for _, c := range all {
		if c.Code == code {
			return c
		}
	}
	return nil
}
