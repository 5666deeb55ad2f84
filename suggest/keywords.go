package suggest

import (
	"slices"
	"strings"
)

// The keywords come from the newest embedded release's descriptions, which
// the catalogs do not carry: whole descriptions are 873 KB for 18.1 alone,
// first sentences 86 KB for 18.1 and about 0.5 MB for all eight embedded
// releases. 16
// keywords a technique cost as much as first sentences (88 KB) and matched
// rules better than either, and they serve every catalog by technique ID
// (docs/evidence.md).
//
//go:generate go run ./internal/genkeywords -o keywords_data.go ../../shared/attack/enterprise-attack-18.1.stix20.json.gz

// keywords are one technique's.
type keywords struct{ id, words string }

// Keywords returns the keywords of a technique's ATT&CK description that
// suggestions match rule words against, "" for none.
func Keywords(id string) string {
	i, ok := slices.BinarySearchFunc(keywordTable, id, func(k keywords, id string) int { return strings.Compare(k.id, id) })
	if !ok {
		return ""
	}
	return keywordTable[i].words
}
