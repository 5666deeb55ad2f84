package suggest

import (
	"encoding/binary"
	"math"
	"sync"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/condition"
	"github.com/falcomitre/falcomitre/evidence"
)

// maxWatches bounds a verdictCache: a set whose rules watch more
// distinct things than this (none known does) judges the rest per rule
// rather than holding about 30 KB for each.
const maxWatches = 1024

// verdictCache holds the verdicts of the watches of one rule set, at
// most limit of them; it is safe for concurrent use.
type verdictCache struct {
	limit int
	mu    sync.Mutex
	m     map[string]*verdicts
}

// get returns the verdicts on w, judging them on first use. Two workers
// may judge the same new watch at once: both get the first stored.
func (c *verdictCache) get(s *Suggester, w *evidence.Watch) *verdicts {
	k := w.Key()
	c.mu.Lock()
	v := c.m[k]
	c.mu.Unlock()
	if v != nil {
		return v
	}
	v = s.judgeAll(w)
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.m[k]; old != nil {
		return old
	}
	if c.m == nil {
		c.m = map[string]*verdicts{}
	}
	if len(c.m) < c.limit {
		c.m[k] = v
	}
	return v
}

// maxRanks bounds the rankings a memo keeps: rules whose words all
// differ (hand-written ones) are ranked each on its own anyway.
const maxRanks = 4096

// memo is what one worker of forSet keeps across rules: the watch and
// verdicts of each distinct observation, the reading of each tag value
// and the candidates of each distinct ranking input. Generated and
// copied rules share most of these, differing only in words no technique
// has (numbers, "rule"), so working them out once per worker saves most
// of a large set's work and garbage. What it hands out is shared and
// only read; Candidates of two rules may be the same slice.
type memo struct {
	watches map[string]watchVerdicts             // by evidence.AppendObserveKey
	tags    map[string]tagRef                    // by value
	ranks   map[*verdicts]map[string][]Candidate // by rankKey
	nranks  int
	key     []byte // AppendObserveKey's and rankKey's buffer
	// ruleTags and tactics hold the rule's, for Rule.Tags and Tactics.
	ruleTags, tactics []string
}

func newMemo() *memo {
	return &memo{watches: map[string]watchVerdicts{}, tags: map[string]tagRef{}, ranks: map[*verdicts]map[string][]Candidate{}}
}

type watchVerdicts struct {
	w *evidence.Watch
	v *verdicts
}

// watch returns evidence.Observe(obs) and its verdicts from cache, once
// per distinct input of Observe.
func (m *memo) watch(s *Suggester, obs *condition.Observation, cache *verdictCache) (*evidence.Watch, *verdicts) {
	m.key = evidence.AppendObserveKey(m.key[:0], obs)
	if wv, ok := m.watches[string(m.key)]; ok {
		return wv.w, wv.v
	}
	w := evidence.Observe(obs)
	wv := watchVerdicts{w, cache.get(s, w)}
	if len(m.watches) < maxWatches {
		m.watches[string(m.key)] = wv
	}
	return wv.w, wv.v
}

// tagRef is what forRule reads of a tag value: a word of the rule (not
// ATT&CK), a live technique, a tactic's shortname, or nothing.
type tagRef struct {
	word   bool
	tech   *attack.Technique
	tactic string
}

// tag returns the reading of a tag value.
func (m *memo) tag(s *Suggester, value string) tagRef {
	if ref, ok := m.tags[value]; ok {
		return ref
	}
	var ref tagRef
	switch p := attack.ParseTag(value); p.Form {
	case attack.NotATTACK:
		ref.word = true
	case attack.TechniqueID:
		if t := s.cat.Technique(p.ID); t != nil && !t.Revoked && !t.Deprecated {
			ref.tech = t
		}
	default:
		if tac := s.tactic(p); tac != nil {
			ref.tactic = tac.Shortname
		}
	}
	m.tags[value] = ref
	return ref
}

// rank is Suggester.rank, once per distinct input of rankVector; n is
// the same for every rule of a memo.
func (m *memo) rank(s *Suggester, r Rule, v *verdicts, n int, sc *scratch) []Candidate {
	rd, spelt := s.ruleVector(r, sc)
	m.key = rankKey(m.key[:0], rd, spelt, r.Tactics)
	byKey := m.ranks[v]
	if c, ok := byKey[string(m.key)]; ok {
		return c
	}
	c := s.rankVector(rd, spelt, r.Tactics, v, n, sc)
	if m.nranks < maxRanks {
		if byKey == nil {
			byKey = map[string][]Candidate{}
			m.ranks[v] = byKey
		}
		byKey[string(m.key)] = c
		m.nranks++
	}
	return c
}

// rankKey appends to b what rankVector reads besides the verdicts: each
// stem of rd with its weight and spelling, and the tactics.
func rankKey(b []byte, rd vector, spelt spelling, tactics []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(rd)))
	for _, t := range rd {
		b = appendString(b, t.stem)
		b = appendString(b, spelt[t.stem])
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(t.x))
	}
	return appendList(b, tactics)
}

func appendList(b []byte, list []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(list)))
	for _, s := range list {
		b = appendString(b, s)
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}
