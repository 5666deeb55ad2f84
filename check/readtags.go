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
func (p *Pass) readTags() {
	for _, t := range p.Rule.Tags {
		if p.opt.notATTACK(t.Value) {
			continue
		}
		info := &TagInfo{Tag: t}
		if p.resolve(info) {
			p.Tags = append(p.Tags, info)
		}
	}
}
