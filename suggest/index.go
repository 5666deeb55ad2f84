package suggest

// posting is one technique's weight for a stem.
type posting struct {
	tech int // index in Suggester.techs
	x    float64
}

// index maps each stem to the techniques whose vectors have it, in
// technique order, so that a rule meets only the techniques it shares a
// word with instead of merging its vector with every technique's.
type index map[string][]posting

func newIndex(docs []vector) index {
	ix := index{}
	for i, d := range docs {
		for _, t := range d {
			ix[t.stem] = append(ix[t.stem], posting{i, t.x})
		}
	}
	return ix
}

// cosines adds to sums, which follows the techniques and starts at
// zero, the cosine of v with each technique's vector. Each sum runs over
// the shared stems in stem order, as vector.cosine does, so the figures
// are the same to the last bit.
func (ix index) cosines(v vector, sums []float64) {
	for _, a := range v {
		for _, p := range ix[a.stem] {
			// The conversion rounds the product on its own, as in
			// vector.cosine, which keeps it: no multiply-add fuses it.
			sums[p.tech] += float64(a.x * p.x)
		}
	}
}
