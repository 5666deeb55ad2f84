package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"

	"github.com/falcomitre/falcomitre/check"
)

// fingerprintKey names falcomitre's partial fingerprint in SARIF results;
// the version changes only if the recipe does, which re-opens every alert.
const fingerprintKey = "falcomitre/v1"

// fingerprinter derives a finding's identity from what it is about, never
// from where: the file, rule, tag and code stay the same when lines are
// added above the rule, so code scanning keeps the alert (and its
// dismissal) instead of opening a new one. Findings with the same four
// facts (a tag repeated three times) are told apart by their order.
type fingerprinter struct {
	seen map[string]int
}

func newFingerprinter() *fingerprinter { return &fingerprinter{seen: map[string]int{}} }

// next returns the fingerprint of f: the SHA-256 of its facts, then ":"
// and how many findings with the same facts came before it.
func (fp *fingerprinter) next(f check.Finding) string {
	h := sha256.New()
	for _, s := range []string{filepath.ToSlash(f.Range.File), f.Rule, f.Tag, f.Code} {
		h.Write([]byte(s))
		h.Write([]byte{0}) // no field can run into the next
	}
	sum := hex.EncodeToString(h.Sum(nil))[:32]
	n := fp.seen[sum]
	fp.seen[sum]++
	return fmt.Sprintf("%s:%d", sum, n)
}
