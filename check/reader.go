package check

import (
	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/evidence"
	"github.com/falcomitre/falcomitre/rules"
)

// Reader reads rules' tags as ReadTags does and what they watch as
// evidence.Observe does, with the cache one goroutine of Run keeps: a
// large set's rules share most tag values and conditions, so documents
// built on every rule read each once. A Reader is for one goroutine.
type Reader struct {
	pass  Pass
	cache *cache
}

// NewReader returns a Reader of rules against cat, with the options
// check.Run is given.
func NewReader(cat *attack.Catalog, opt Options) *Reader {
	r := &Reader{cache: newCache()}
	r.pass = Pass{Catalog: cat, names: namesFor(cat), opt: &opt}
	return r
}

// Tags returns what ReadTags(cat, rule, opt) does. The list and its
// TagInfos are only valid until the next call, and only to be read: they
// are the cache's buffer and readings.
func (r *Reader) Tags(rule *rules.Rule) []*TagInfo {
	r.pass.Rule, r.pass.Tags, r.pass.cache = rule, nil, r.cache
	r.pass.readTags()
	return r.pass.Tags
}

// Watch returns what the rule watches, from its observation in the
// options, as evidence.Observe does; nil when it has none. Rules that
// observe alike share one Watch, which is only to be read.
func (r *Reader) Watch(rule *rules.Rule) *evidence.Watch {
	obs, ok := r.pass.opt.Observations[rule.Name]
	if !ok {
		return nil
	}
	return r.cache.watch(obs)
}
