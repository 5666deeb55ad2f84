package check

import (
	"encoding/binary"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/condition"
	"github.com/falcomitre/falcomitre/evidence"
)

// cache is what one goroutine of Run keeps across rules: the reading of
// each tag value, what each kind of observation watches and its verdicts,
// and the facts of each technique. Rules share most of these, so working
// them out once per goroutine saves most of a large run's work and
// garbage. What it hands out is shared and only read.
type cache struct {
	tags     map[string]*TagInfo // by value; nil when not ATT&CK
	facts    map[*attack.Technique]*Technique
	tactics  map[*attack.Technique][]*attack.Tactic // tacticsOf
	watches  map[string]*evidence.Watch             // by watchKey
	verdicts map[verdictKey]*verdict
	key      []byte // watchKey's buffer
	// infos and tagPtrs hold the tags of the rule being checked.
	infos   []TagInfo
	tagPtrs []*TagInfo
}

func newCache() *cache {
	return &cache{
		tags:     map[string]*TagInfo{},
		facts:    map[*attack.Technique]*Technique{},
		tactics:  map[*attack.Technique][]*attack.Tactic{},
		watches:  map[string]*evidence.Watch{},
		verdicts: map[verdictKey]*verdict{},
	}
}

// verdictKey is a technique weighed against a watch of the cache.
type verdictKey struct {
	w *evidence.Watch
	t *attack.Technique
}

// verdict is the evidence level of a technique for a watch, with the
// message and detail of the finding it gives, once made.
type verdict struct {
	level       evidence.Level
	msg, detail string
	made        bool
}

// tag returns the reading of a tag value: resolve's, on a tag that has
// only the value.
func (c *cache) tag(p *Pass, value string) *TagInfo {
	if t, ok := c.tags[value]; ok {
		return t
	}
	t := &TagInfo{}
	t.Value = value
	if !p.resolve(t) {
		t = nil
	}
	c.tags[value] = t
	return t
}

// technique returns techniqueFacts(t), one per technique.
func (c *cache) technique(t *attack.Technique) *Technique {
	f := c.facts[t]
	if f == nil {
		f = techniqueFacts(t)
		c.facts[t] = f
	}
	return f
}

// watch returns evidence.Observe(obs), one per distinct input of it.
func (c *cache) watch(obs *condition.Observation) *evidence.Watch {
	c.key = watchKey(c.key[:0], obs)
	if w, ok := c.watches[string(c.key)]; ok {
		return w
	}
	w := evidence.Observe(obs)
	c.watches[string(c.key)] = w
	return w
}

// watchKey appends to b what evidence.Observe reads of obs: its source,
// event types (nil or not) and fields. Strings are length-prefixed and
// lists counted, so no two different inputs share a key.
func watchKey(b []byte, obs *condition.Observation) []byte {
	b = appendString(b, obs.Source)
	b = append(b, flag(obs.AllEvents), flag(obs.EventTypes == nil))
	for _, list := range [2][]string{obs.EventTypes, obs.Fields} {
		b = binary.AppendUvarint(b, uint64(len(list)))
		for _, s := range list {
			b = appendString(b, s)
		}
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func flag(v bool) byte {
	if v {
		return 1
	}
	return 0
}

// verdict returns the verdict of t for w, its level weighed.
func (c *cache) verdict(m *evidence.Matcher, w *evidence.Watch, t *attack.Technique) *verdict {
	k := verdictKey{w, t}
	v := c.verdicts[k]
	if v == nil {
		v = &verdict{level: m.Level(w, t)}
		c.verdicts[k] = v
	}
	return v
}
