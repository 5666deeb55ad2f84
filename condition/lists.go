package condition

import (
	"sort"
	"strings"

	"github.com/falcomitre/falcomitre/rules"
)

// list is a list as Falco's compiler holds it (falco_list): its items
// after one level of expansion, and the text that replaces its name.
type list struct {
	name  string
	items []string
	sub   string // the items quoted and joined with ", "
	// slow is set for a name with a delimiter in it, which the word
	// index below cannot find; such names only draw a warning in Falco.
	slow bool
	// more are the lists after this one whose names are words of sub:
	// those its substitution brings in, the same for every text.
	more []int
}

// lists are the compiled lists with an index of their names.
type lists struct {
	all    []*list
	byName map[string]int
	slow   []int
	// names has the bit of wordBit for each name: a word whose bit is
	// clear is no list's name. Most words of a condition are not, and
	// with many lists the map lookup misses the cache.
	names [1 << 10]uint64
}

// wordBit mixes the length and three bytes of a word into a bit of
// lists.names: enough to tell keywords, fields and macro names from list
// names, at the price of a few bytes read.
func wordBit(w string) uint32 {
	h := uint32(len(w))
	h = (h ^ uint32(w[0])) * 16777619
	h = (h ^ uint32(w[len(w)/2])) * 16777619
	h = (h ^ uint32(w[len(w)-1])) * 16777619
	return (h ^ h>>16) % (1 << 16)
}

// compileLists is compiler.cpp:compile_list_infos (spec §3, lists 1):
// an item naming a list defined before this one's latest definition or
// append is replaced by that list's own items, one level only.
func compileLists(set *rules.Set) *lists {
	ls := &lists{byName: make(map[string]int, len(set.ListInfos))}
	raw := make(map[string]rawList, len(set.ListInfos))
	for _, n := range set.ListInfos {
		raw[n.Def.Name] = rawList{rawItems(n), n.Index}
	}
	for _, n := range set.ListInfos {
		l := &list{name: n.Def.Name, items: expand(raw, raw[n.Def.Name].items, n.Visibility)}
		var b strings.Builder
		size := 2 * len(l.items)
		for _, item := range l.items {
			size += len(item)
		}
		b.Grow(size)
		for i, item := range l.items {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(quoteItem(item))
		}
		l.sub = b.String()
		l.slow = strings.ContainsAny(l.name, listDelims)
		ls.byName[l.name] = len(ls.all)
		if l.slow {
			ls.slow = append(ls.slow, len(ls.all))
		}
		if l.name != "" {
			b := wordBit(l.name)
			ls.names[b/64] |= 1 << (b % 64)
		}
		ls.all = append(ls.all, l)
	}
	for k, l := range ls.all {
		l.more = ls.wordsIn(l.sub, k, nil)
	}
	return ls
}

// rawList is a list's raw items and its index.
type rawList struct {
	items []string
	index int
}

// expand replaces each of items that names a list whose index is below
// vis by that list's raw items; items itself when none does.
func expand(raw map[string]rawList, items []string, vis int) []string {
	var out []string
	for i, item := range items {
		if ref, ok := raw[item]; ok && ref.index < vis {
			if out == nil {
				out = append(make([]string, 0, len(items)+len(ref.items)), items[:i]...)
			}
			out = append(out, ref.items...)
			continue
		}
		if out != nil {
			out = append(out, item)
		}
	}
	if out == nil {
		return items
	}
	return out
}

// rawItems are a list's items as the collector holds them: the
// definition's, then each append's.
func rawItems(n *rules.Named) []string {
	size := len(n.Def.ListItems)
	for _, ap := range n.Appends {
		size += len(ap.ListItems)
	}
	if size == 0 {
		return nil
	}
	out := make([]string, 0, size)
	for _, li := range n.Def.ListItems {
		out = append(out, li.Value)
	}
	for _, ap := range n.Appends {
		for _, li := range ap.ListItems {
			out = append(out, li.Value)
		}
	}
	return out
}

// quoteItem is compiler.cpp:quote_item: an item with a space that does
// not start with a quote is wrapped in double quotes; anything else is
// copied as is, so '"10.0.0.0/8"' enters as a quoted string.
func quoteItem(e string) string {
	if strings.IndexByte(e, ' ') >= 0 && (e == "" || e[0] != '"' && e[0] != '\'') {
		return `"` + e + `"`
	}
	return e
}

// listDelims are what may surround a list name in a condition
// (resolve_list's delims); listBlanks are what it swallows around it.
const (
	listBlanks = " \t\n\r"
	listDelims = listBlanks + "(),="
)

func isListDelim(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == ')' || c == ',' || c == '='
}

func isListBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// substitute replaces list names in t.S as parse_condition does: every
// list, in definition order, through resolve_list (spec §3, lists 2).
// Only lists whose name occurs in the text as a whole word can match,
// since a match must be bounded by delimiters; substitute looks those up
// instead of searching the text for every list, and follows the words
// each substitution brings in.
//
// buf is scratch space for the new text, kept between calls; spare, when
// not nil, the spans of the next substitution, which the ones it replaces
// become.
func (ls *lists) substitute(t *Text, buf *[]byte, spare *[]span) {
	cands := append([]int(nil), ls.slow...)
	cands = ls.wordsIn(t.S, -1, cands)
	if len(cands) == 0 {
		return
	}
	sort.Ints(cands)
	cands = uniq(cands)
	for k := 0; k < len(cands); k++ {
		l := ls.all[cands[k]]
		if !ls.resolve(t, l, buf, spare) {
			continue
		}
		more := l.more
		if len(more) == 0 {
			continue
		}
		cands = append(cands, more...)
		rest := cands[k+1:]
		sort.Ints(rest)
		cands = append(cands[:k+1], uniq(rest)...)
	}
}

// wordsIn appends to out the lists after index after whose names are
// words of s.
func (ls *lists) wordsIn(s string, after int, out []int) []int {
	for i := 0; i < len(s); {
		for i < len(s) && isListDelim(s[i]) {
			i++
		}
		j := i
		for j < len(s) && !isListDelim(s[j]) {
			j++
		}
		if j > i && ls.mayName(s[i:j]) {
			if k, ok := ls.byName[s[i:j]]; ok && k > after {
				out = append(out, k)
			}
		}
		i = j
	}
	return out
}

// mayName reports whether w, not empty, may be a list's name.
func (ls *lists) mayName(w string) bool {
	b := wordBit(w)
	return ls.names[b/64]&(1<<(b%64)) != 0
}

// newSpans returns an empty slice for the spans of a substitution into a
// text of n spans, sized for one occurrence, the usual case: spare's
// when there is one big enough.
func newSpans(n int, spare *[]span) []span {
	if spare != nil && cap(*spare) >= n+3 {
		return (*spare)[:0]
	}
	return make([]span, 0, n+3)
}

func uniq(s []int) []int {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// resolve is compiler.cpp:resolve_list for one list: each occurrence of
// the name bounded by the text's ends or a delimiter, with the blanks
// around it, becomes " items " (an empty list also takes a neighbouring
// comma). The C++ code rebuilds the whole text at each occurrence and
// resumes the search past the inserted items, one byte further when the
// occurrence was at the very start (which skips an occurrence right
// after it). This does the same in one pass: the text only changes
// behind the search, so what is ahead is the original text and what is
// behind is out, whose tail the blanks and comma may be taken from.
// Rebuilding at each occurrence would be quadratic in their number.
func (ls *lists) resolve(t *Text, l *list, buf *[]byte, spare *[]span) bool {
	orig, name := t.S, l.name
	search := strings.Index(orig, name)
	if search < 0 {
		return false
	}
	old := t.spans
	if old == nil {
		old = []span{{}}
	}
	var (
		out   = (*buf)[:0]
		spans []span
		pos   int // orig[:pos] is in out
		j     int // the old span in force at pos
	)
	// at returns the Raw offset of orig[pos] and its span, moving j on.
	at := func() (int, span) {
		for j+1 < len(old) && old[j+1].s <= pos {
			j++
		}
		sp := old[j]
		if sp.fixed {
			return sp.raw, sp
		}
		return sp.raw + pos - sp.s, sp
	}
	// emit copies orig[pos:to] to out with its spans.
	emit := func(to int) {
		for pos < to {
			raw, sp := at()
			next := to
			if j+1 < len(old) && old[j+1].s < to {
				next = old[j+1].s
			}
			spans = append(spans, span{s: len(out), raw: raw, fixed: sp.fixed})
			out = append(out, orig[pos:next]...)
			pos = next
		}
	}
	used := false
	for {
		k := strings.Index(orig[search:], name)
		if k < 0 {
			break
		}
		start := search + k
		end := start + len(name)
		leftOK := true
		switch {
		case start > pos:
			leftOK = isListDelim(orig[start-1])
		case len(out) > 0:
			leftOK = isListDelim(out[len(out)-1])
		}
		if !leftOK || end < len(orig) && !isListDelim(orig[end]) {
			search = start + 1
			if search > len(orig) {
				break
			}
			continue
		}
		if !used {
			spans = newSpans(len(old), spare)
		}
		emit(start)
		nameAt, _ := at()
		s := len(out)
		for s > 0 && isListBlank(out[s-1]) {
			s--
		}
		e := end
		for e < len(orig) && isListBlank(orig[e]) {
			e++
		}
		if l.sub == "" {
			if s > 0 && out[s-1] == ',' {
				s--
			} else if e < len(orig) && orig[e] == ',' {
				e++
			}
		}
		out = out[:s]
		for len(spans) > 0 && spans[len(spans)-1].s >= s {
			spans = spans[:len(spans)-1]
		}
		spans = append(spans, span{s: s, raw: nameAt, fixed: true})
		if s > 0 {
			out = append(out, ' ')
		}
		out = append(out, l.sub...)
		out = append(out, ' ')
		pos = e
		used = true
		search = e
		if s == 0 {
			search++
		}
		if search > len(orig) {
			break
		}
	}
	if !used {
		return false
	}
	emit(len(orig))
	if spare != nil {
		*spare = t.spans
	}
	t.S, t.spans = string(out), spans
	*buf = out
	return true
}
