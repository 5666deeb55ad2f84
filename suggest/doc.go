package suggest

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/suggest/internal/text"
)

// doc is a bag of word stems with a weight each, the larger of the
// weights of the fields it appears in.
type doc map[string]float64

// add puts the words of txt in d with weight w.
func (d doc) add(txt string, w float64) {
	for _, s := range text.Words(txt) {
		if w > d[s] {
			d[s] = w
		}
	}
}

// spelling maps a rule's stems to the first word that gave each, so that
// a reason says "shadow", not "shadow" cut to six letters.
type spelling map[string]string

// Field weights: a technique's name says most, a rule's name and
// description more than its output, whose fields (proc.cmdline) every
// rule shares.
const (
	techName     = 3.0
	techParent   = 1.0
	techKeywords = 1.0
	techChannels = 1.0 // the channels of its analytics: commands, paths, API calls
	ruleName     = 2.0
	ruleDesc     = 1.0
	ruleTags     = 1.0
	ruleOutput   = 0.5
	ruleValues   = 0.5 // the processes and paths the condition names
)

var valueWeight, channelWeight = ruleValues, techChannels

func techniqueDoc(cat *attack.Catalog, t *attack.Technique) doc {
	d := doc{}
	d.add(t.Name, techName)
	if p := cat.Technique(t.Parent); p != nil {
		d.add(p.Name, techParent)
	}
	d.add(Keywords(t.ID), techKeywords)
	if channelWeight > 0 {
		for _, a := range t.Analytics {
			for _, ls := range a.LogSources {
				d.add(ls.Channel, channelWeight)
			}
		}
	}
	return d
}

// ruleVector returns the rule's vector and how it spells its stems, the
// name's spellings first, built in sc's memory: only valid until the next
// call with sc. Only stems some technique has count, as in norm; the
// spellings are what a Candidate's words show.
func (s *Suggester) ruleVector(r Rule, sc *scratch) (vector, spelling) {
	d, sp := sc.doc, sc.spelt
	clear(d)
	clear(sp)
	add := func(txt string, w float64) {
		text.Each(txt, func(word, stem string) {
			if s.idf[stem] <= 0 {
				return
			}
			if w > d[stem] {
				d[stem] = w
			}
			if _, ok := sp[stem]; !ok {
				sp[stem] = word
			}
		})
	}
	// In the order of the spellings: name, description, tags, values,
	// output. Words never span fields, so each field, tag or value may
	// be split on its own.
	add(r.Name, ruleName)
	add(r.Desc, ruleDesc)
	for _, t := range r.Tags {
		add(t, ruleTags)
	}
	if o := r.Observation; o != nil {
		for _, list := range [2][]string{o.Processes, o.Paths} {
			for _, v := range list {
				add(v, valueWeight)
			}
		}
	}
	eachOutputPart(r.Output, func(part string) { add(part, ruleOutput) })
	sc.vec = d.appendNorm(sc.vec[:0], s.idf)
	return sc.vec, sp
}

// eachOutputPart calls fn with the parts of an output between the fields
// it prints (%proc.cmdline, %container.info, %evt.arg[0]): their words
// name what is printed, not what the rule is about, and every rule
// prints the same few.
func eachOutputPart(out string, fn func(string)) {
	start := 0
	for i := 0; i < len(out); i++ {
		if out[i] != '%' || i+1 == len(out) || !fieldByte(out[i+1]) {
			continue
		}
		fn(out[start:i])
		i++
		for i < len(out) && fieldByte(out[i]) {
			i++
		}
		start = i
		i-- // the loop's i++ reads out[i] next
	}
	fn(out[start:])
}

// fieldByte reports whether c may be in a field's name: [A-Za-z0-9_.\[\]].
func fieldByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '[' || c == ']'
}

// vector is a normed doc: stems sorted, so that sums run in one order and
// scores do not depend on map order.
type vector []term

type term struct {
	stem string
	x    float64
}

// norm turns weights into weight × idf, scaled to length 1.
func (d doc) norm(idf map[string]float64) vector {
	return d.appendNorm(make(vector, 0, len(d)), idf)
}

// appendNorm is norm appending to v, which is empty.
func (d doc) appendNorm(v vector, idf map[string]float64) vector {
	sum := 0.0
	for w, x := range d {
		x *= idf[w]
		if x > 0 {
			v = append(v, term{w, x})
		}
	}
	slices.SortFunc(v, func(a, b term) int { return strings.Compare(a.stem, b.stem) })
	for _, t := range v {
		sum += t.x * t.x
	}
	if sum == 0 {
		return v
	}
	n := math.Sqrt(sum)
	for i := range v {
		v[i].x /= n
	}
	return v
}

// cosine returns the cosine of two vectors and the stems they share, the
// heaviest first.
func (a vector) cosine(b vector) (float64, []string) {
	type shared struct {
		stem string
		x    float64
	}
	var both []shared
	sum := 0.0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch c := strings.Compare(a[i].stem, b[j].stem); {
		case c < 0:
			i++
		case c > 0:
			j++
		default:
			x := a[i].x * b[j].x
			sum += x
			both = append(both, shared{a[i].stem, x})
			i++
			j++
		}
	}
	slices.SortStableFunc(both, func(p, q shared) int { return cmp.Compare(q.x, p.x) })
	stems := make([]string, len(both))
	for i, s := range both {
		stems[i] = s.stem
	}
	return sum, stems
}
