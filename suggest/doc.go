package suggest

import (
	"cmp"
	"math"
	"regexp"
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

// add records the words of txt.
func (sp spelling) add(txt string) {
	text.Each(txt, func(word, stem string) {
		if _, ok := sp[stem]; !ok {
			sp[stem] = word
		}
	})
}

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

// outputField is a field an output prints, %proc.cmdline or
// %container.info: its words name what is printed, not what the rule is
// about, and every rule prints the same few.
var outputField = regexp.MustCompile(`%[A-Za-z0-9_.\[\]]+`)

// ruleDoc returns the rule's words and how it spells them, the name's
// spellings first.
func ruleDoc(r Rule) (doc, spelling) {
	d, sp := doc{}, spelling{}
	tags := strings.Join(r.Tags, " ")
	var values string
	if o := r.Observation; o != nil {
		values = strings.Join(o.Processes, " ") + " " + strings.Join(o.Paths, " ")
		d.add(values, valueWeight)
	}
	output := outputField.ReplaceAllString(r.Output, " ")
	d.add(output, ruleOutput)
	d.add(tags, ruleTags)
	d.add(r.Desc, ruleDesc)
	d.add(r.Name, ruleName)
	for _, t := range []string{r.Name, r.Desc, tags, values, output} {
		sp.add(t)
	}
	return d, sp
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
	v := make(vector, 0, len(d))
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
