package report

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strconv"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/internal/par"
)

// fingerprints derives each finding's identity from what it is about,
// never from where: the file, rule, tag and code stay the same when lines
// are added above the rule, so code scanning keeps the alert (and its
// dismissal) instead of opening a new one. Findings with the same four
// facts (a tag repeated three times) are told apart by their order.
//
// Each fingerprint is the SHA-256 of the facts, then ":" and how many
// findings with the same facts came before it. The hashes are worked out
// on every core; the counting follows the findings' order. SARIF names
// them falcomitre/v1 (sarifFingerprints): the version changes only if the
// recipe does, which re-opens every alert.
func fingerprints(n int, finding func(i int) *check.Finding) []string {
	out := make([]string, n)
	par.Ranges(n, 1024, func(_, lo, hi int) {
		h := sha256.New()
		var sum [sha256.Size]byte
		for i := lo; i < hi; i++ {
			f := finding(i)
			h.Reset()
			for _, s := range []string{filepath.ToSlash(f.Range.File), f.Rule, f.Tag, f.Code} {
				h.Write([]byte(s))
				h.Write([]byte{0}) // no field can run into the next
			}
			out[i] = hex.EncodeToString(h.Sum(sum[:0]))[:32]
		}
	})
	seen := make(map[string]int, n)
	for i, sum := range out {
		out[i] = sum + ":" + strconv.Itoa(seen[sum])
		seen[sum]++
	}
	return out
}
