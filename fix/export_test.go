package fix

import "github.com/falcomitre/falcomitre/rules"

// VerifyByDigest is Verify as a large round makes it: against a digest
// of the file before the fix, the model let go.
func VerifyByDigest(before, after *rules.File) error {
	return shapeOf(before, false).verify(after)
}
