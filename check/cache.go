package check

import (
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
	watches  map[string]*evidence.Watch             // by evidence.AppendObserveKey
	verdicts map[verdictKey]*verdict
	// texts are the parts of messages and titles that depend on one
	// value only (a tag, a technique): most findings of a large run
	// repeat a few of them.
	texts   map[textKey]string
	revoked map[*attack.Technique]*revokedText
	key     []byte // AppendObserveKey's buffer
	// infos and tagPtrs hold the tags of the rule being checked, live
	// and liveSet its liveTechniques and liveTechniqueSet.
	infos         []TagInfo
	tagPtrs       []*TagInfo
	live, liveSet []*TagInfo
}

func newCache() *cache {
	return &cache{
		tags:     map[string]*TagInfo{},
		facts:    map[*attack.Technique]*Technique{},
		tactics:  map[*attack.Technique][]*attack.Tactic{},
		watches:  map[string]*evidence.Watch{},
		verdicts: map[verdictKey]*verdict{},
		texts:    map[textKey]string{},
		revoked:  map[*attack.Technique]*revokedText{},
	}
}

// textKey names a text: what it is for and the value it is made of.
type textKey struct{ kind, of string }

// text returns the text of this kind made of the value of: build's, made
// once per goroutine.
func (p *Pass) text(kind, of string, build func() string) string {
	c := p.caches()
	k := textKey{kind, of}
	if s, ok := c.texts[k]; ok {
		return s
	}
	s := build()
	c.texts[k] = s
	return s
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
	c.key = evidence.AppendObserveKey(c.key[:0], obs)
	if w, ok := c.watches[string(c.key)]; ok {
		return w
	}
	w := evidence.Observe(obs)
	c.watches[string(c.key)] = w
	return w
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
