package check

import (
	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/rules"
)

// ReadTags returns the rule's effective tags that look like ATT&CK, read
// against cat exactly as the checks read them (misspellings such as
// Mitre_Execution or MITRE_TA0005_defense_evasion included), in the order
// Falco keeps them. Documents built on the checked model, such as a
// coverage matrix, use it so that they never count a tag the checks would
// read otherwise.
func ReadTags(cat *attack.Catalog, rule *rules.Rule, opt Options) []*TagInfo {
	p := &Pass{Catalog: cat, Rule: rule, names: namesFor(cat), opt: &opt}
	p.readTags()
	return p.Tags
}

// readTags fills p.Tags with the rule's ATT&CK-like tags, resolved.
// With a cache, each value is read once per goroutine, and the rule's
// tags copy that reading into the cache's buffer: nothing keeps a rule's
// tags once its checks have run.
func (p *Pass) readTags() {
	if p.cache == nil {
		for _, t := range p.Rule.Tags {
			if p.opt.notATTACK(t.Value) {
				continue
			}
			info := &TagInfo{Tag: *t}
			if p.resolve(info) {
				p.Tags = append(p.Tags, info)
			}
		}
		return
	}
	c := p.cache
	infos := c.infos[:0]
	for _, t := range p.Rule.Tags {
		if read := p.readTag(t.Value); read != nil {
			infos = append(infos, *read)
			infos[len(infos)-1].Tag = *t
		}
	}
	tags := c.tagPtrs[:0]
	for i := range infos {
		tags = append(tags, &infos[i])
	}
	c.infos, c.tagPtrs = infos, tags
	if len(tags) > 0 {
		p.Tags = tags
	}
}

// readTag is the cached reading of a tag value, nil when the value is
// not ATT&CK or the options say it never is.
func (p *Pass) readTag(value string) *TagInfo {
	if p.opt.notATTACK(value) {
		return nil
	}
	return p.cache.tag(p, value)
}
