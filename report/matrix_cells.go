package report

import (
	"bufio"
	"cmp"
	"slices"
	"strings"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/coverage"
	"github.com/falcomitre/falcomitre/evidence"
)

// matrixCellData is what the script reads of a covered cell. The cells
// are written by hand as json.Marshal writes a map of them by key: as
// maps, a large set's verdicts by rule index were tens of megabytes to
// build and marshal.
type matrixCellData struct {
	key    string // "tactic/technique ID"
	direct []int  // rule indexes
	subs   []matrixSubRef
	// verdicts say, by rule index, how what the rule watches meets what
	// ATT&CK watches for the technique it tags, in the order found.
	verdicts []ruleVerdict
	room     int // how many verdicts there can be, at most
}

type matrixSubRef struct {
	id, name, url string
	rules         []int
}

type ruleVerdict struct {
	v *evidence.Verdict
	// order is where the rule's index sorts as text (decimalOrder).
	order uint64
	rule  int32
}

// addEvidence records how what rule r watches meets what ATT&CK watches
// for t.
func (cd *matrixCellData) addEvidence(m *coverage.Model, r *coverage.Rule, t *attack.Technique, index map[*coverage.Rule]int) {
	if v := m.Evidence(r, t); v != nil {
		cd.addVerdict(index[r], v)
	}
}

func (cd *matrixCellData) addVerdict(rule int, v *evidence.Verdict) {
	if cd.verdicts == nil {
		cd.verdicts = make([]ruleVerdict, 0, max(cd.room, 1))
	}
	cd.verdicts = append(cd.verdicts, ruleVerdict{v: v, order: decimalOrder(rule), rule: int32(rule)})
}

// evidenceTexts are the text of each verdict: the model shares a verdict
// among rules that watch alike, so each is written once.
type evidenceTexts map[*evidence.Verdict]string

func (e evidenceTexts) text(v *evidence.Verdict) string {
	s, ok := e[v]
	if !ok {
		s = evidenceText(v)
		e[v] = s
	}
	return s
}

// writeCellsJSON writes the cells as an object by key, keys sorted.
func writeCellsJSON(b *bufio.Writer, cells []matrixCellData) {
	slices.SortFunc(cells, func(a, b matrixCellData) int { return strings.Compare(a.key, b.key) })
	texts := evidenceTexts{}
	b.WriteByte('{')
	for i := range cells {
		if i > 0 {
			b.WriteByte(',')
		}
		cells[i].writeJSON(b, texts)
	}
	b.WriteByte('}')
}

// writeJSON writes the cell's member: "key":{"direct", "subs",
// "evidence"}, each left out when empty.
func (cd *matrixCellData) writeJSON(b *bufio.Writer, texts evidenceTexts) {
	writeJSONString(b, cd.key, jsonHTML)
	b.WriteString(`:{`)
	sep := ""
	if len(cd.direct) > 0 {
		b.WriteString(`"direct":`)
		writeIntsJSON(b, cd.direct)
		sep = ","
	}
	if len(cd.subs) > 0 {
		b.WriteString(sep)
		b.WriteString(`"subs":[`)
		for i, s := range cd.subs {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`{"id":`)
			writeJSONString(b, s.id, jsonHTML)
			b.WriteString(`,"name":`)
			writeJSONString(b, s.name, jsonHTML)
			b.WriteString(`,"url":`)
			writeJSONString(b, s.url, jsonHTML)
			b.WriteString(`,"rules":`)
			writeIntsJSON(b, s.rules)
			b.WriteByte('}')
		}
		b.WriteByte(']')
		sep = ","
	}
	if len(cd.verdicts) > 0 {
		b.WriteString(sep)
		b.WriteString(`"evidence":{`)
		for i, rv := range bestVerdicts(cd.verdicts) {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('"')
			writeInt(b, int(rv.rule))
			b.WriteString(`":`)
			writeJSONString(b, texts.text(rv.v), jsonHTML)
		}
		b.WriteByte('}')
	}
	b.WriteByte('}')
}

// bestVerdicts keeps one verdict per rule, in the order json.Marshal
// writes int keys (by their decimal text): the best, and of equals the
// first found, as a rule that tags both the technique and a
// sub-technique keeps the better verdict.
func bestVerdicts(vs []ruleVerdict) []ruleVerdict {
	slices.SortStableFunc(vs, func(a, b ruleVerdict) int {
		return cmp.Or(cmp.Compare(a.order, b.order), cmp.Compare(b.v.Level, a.v.Level))
	})
	return slices.CompactFunc(vs, func(a, b ruleVerdict) bool { return a.rule == b.rule })
}

// decimalOrder says where a rule index sorts as decimal text: its
// digits scaled to ten places (an int32 has at most ten), then its
// number of digits, so that a prefix comes first.
func decimalOrder(n int) uint64 {
	scaled, digits := uint64(n), uint64(1)
	for v := n; v >= 10; v /= 10 {
		digits++
	}
	for range 10 - digits {
		scaled *= 10
	}
	return scaled<<4 | digits
}

// writeIntsJSON writes a JSON array of ints, null for nil.
func writeIntsJSON(b *bufio.Writer, ns []int) {
	if ns == nil {
		b.WriteString("null")
		return
	}
	b.WriteByte('[')
	for i, n := range ns {
		if i > 0 {
			b.WriteByte(',')
		}
		writeInt(b, n)
	}
	b.WriteByte(']')
}
