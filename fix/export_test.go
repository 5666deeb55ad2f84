package fix

import (
	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/rules"
)

// VerifyByDigest is Verify as a large round makes it: against a digest
// of the file before the fix, the model let go.
func VerifyByDigest(before, after *rules.File) error {
	return shapeOf(before, false).verify(after)
}

// LargeRounds makes every round large, and Reparse parse whole when
// whole is set, until the returned func is called.
func LargeRounds(whole bool) (restore func()) {
	from, re := collectFrom, reparse
	collectFrom = 0
	if whole {
		reparse = func(old *rules.File, src []byte, _ []diag.Edit) *rules.File { return rules.Parse(old.Path, src) }
	}
	return func() { collectFrom, reparse = from, re }
}
