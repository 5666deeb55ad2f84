package text

import (
	"cmp"
	"math"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// noise is what in ATT&CK's descriptions names sources, not behaviour:
// inline "(Citation: Name)", the URLs of Markdown links, and ATT&CK IDs
// (S0002, TA0008).
// It is compiled on first use, not at every falcomitre start-up.
var noise = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\(Citation:[^)]*\)|\]\([^)]*\)|\b(?:[TSGMC]|TA|DS|DC)[0-9]{4}(?:\.[0-9]{3})?\b`)
})

// TopWords keeps, for each text by key, the k words whose stems weigh
// most by tf × idf over all the texts, most telling first, each as the
// first spelling met, so that Words gives back their stems.
func TopWords(texts map[string]string, k int) map[string]string {
	type bag struct {
		tf    map[string]int
		first map[string]string
	}
	bags := make(map[string]*bag, len(texts))
	df := map[string]int{}
	for key, t := range texts {
		b := &bag{tf: map[string]int{}, first: map[string]string{}}
		for _, f := range strings.FieldsFunc(noise().ReplaceAllString(t, " "), notAlnum) {
			lw := strings.ToLower(f)
			s := Stem(lw)
			if s == "" {
				continue
			}
			if b.tf[s] == 0 {
				b.first[s] = lw
				df[s]++
			}
			b.tf[s]++
		}
		bags[key] = b
	}
	n := float64(len(texts))
	out := make(map[string]string, len(texts))
	for key, b := range bags {
		type scored struct {
			stem string
			w    float64
		}
		list := make([]scored, 0, len(b.tf))
		for s, c := range b.tf {
			list = append(list, scored{s, float64(c) * math.Log(n/float64(df[s]))})
		}
		slices.SortFunc(list, func(x, y scored) int { return cmp.Or(cmp.Compare(y.w, x.w), strings.Compare(x.stem, y.stem)) })
		var ws []string
		for i := 0; i < len(list) && i < k; i++ {
			ws = append(ws, b.first[list[i].stem])
		}
		out[key] = strings.Join(ws, " ")
	}
	return out
}

func notAlnum(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
}
