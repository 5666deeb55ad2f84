package check

import (
	"slices"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/condition"
	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/evidence"
	"github.com/falcomitre/falcomitre/rules"
)

// Pass is what a check sees of one rule: the rule, the catalog and the
// rule's effective ATT&CK tags read once against the catalog.
type Pass struct {
	Catalog *attack.Catalog
	Rule    *rules.Rule
	// Tags are the rule's effective tags that look like ATT&CK, in the
	// order Falco keeps them (byte-sorted).
	Tags []*TagInfo

	names    *nameIndex
	findings []Finding
	check    *Check
	opt      *Options
	evidence *evidence.Matcher
	watch    *evidence.Watch // the rule's, once worked out
	observed bool            // whether watch is from the rule's observation
	cache    *cache          // the goroutine's; nil until needed outside Run

	// What several checks ask of the tags, once worked out.
	live, liveSet         []*TagInfo
	liveDone, liveSetDone bool
}

// TagInfo is one effective tag read against the catalog.
type TagInfo struct {
	rules.Tag
	Ref attack.TagRef
	// Tactics are the known tactics the tag names (none for a technique
	// tag, one for a tactic tag, one for a tactic+technique spelling).
	Tactics []*attack.Tactic
	// Technique is the technique the tag names, revoked or deprecated
	// ones included; nil when it names none or an unknown one.
	Technique *attack.Technique
	// Canonical are the canonical tags the tag stands for, when its
	// meaning is known.
	Canonical []string
	// TacticRole and TechniqueRole say what the author meant the tag as,
	// even when the ID or words are unknown.
	TacticRole, TechniqueRole bool
	// Unknown is set when the tag names nothing in the catalog; the
	// unknown-* checks report it and the others pass over it.
	Unknown bool
	// Hint is what an unknown tag's words or ID seem to mean.
	Hint []string
}

// Known reports whether the tag resolved to something in the catalog.
func (t *TagInfo) Known() bool { return !t.Unknown }

// liveTechnique is the tag's technique when it is known and not revoked:
// the only techniques whose tactics the tactic checks compare.
func (t *TagInfo) liveTechnique() *attack.Technique {
	if t.Technique == nil || t.Technique.Revoked {
		return nil
	}
	return t.Technique
}

// report records a finding of the running check at the tag.
func (p *Pass) reportTag(t *TagInfo, msg, detail string, tech *attack.Technique, suggestions ...string) {
	p.report(t.Range, t.Value, msg, detail, tech, suggestions...)
}

func (p *Pass) report(r diag.Range, tag, msg, detail string, tech *attack.Technique, suggestions ...string) {
	f := Finding{
		Diagnostic: diag.Diagnostic{
			Code:        p.check.Code,
			Severity:    p.check.Severity,
			Message:     msg,
			Detail:      detail,
			Range:       r,
			Suggestions: suggestions,
		},
		Rule: p.Rule.Name,
		Tag:  tag,
	}
	if tech != nil {
		f.Technique = p.caches().technique(tech)
	}
	p.findings = append(p.findings, f)
}

// ruleTactics returns the known tactics the rule's tags name, each once.
func (p *Pass) ruleTactics() map[*attack.Tactic]bool {
	m := map[*attack.Tactic]bool{}
	for _, t := range p.Tags {
		for _, tac := range t.Tactics {
			m[tac] = true
		}
	}
	return m
}

// hasTacticTag reports whether any tag was meant as a tactic.
func (p *Pass) hasTacticTag() bool {
	for _, t := range p.Tags {
		if t.TacticRole {
			return true
		}
	}
	return false
}

// liveTechniques returns the known, not revoked techniques the rule
// names. Callers only read it: it is worked out once per pass.
func (p *Pass) liveTechniques() []*TagInfo {
	if p.liveDone {
		return p.live
	}
	var out []*TagInfo
	if p.cache != nil {
		out = p.cache.live[:0]
	}
	for _, t := range p.Tags {
		if t.liveTechnique() != nil {
			out = append(out, t)
		}
	}
	if p.cache != nil {
		p.cache.live = out
	}
	p.live, p.liveDone = out, true
	return out
}

// tacticsOf returns a technique's tactics as catalog values, in the
// catalog's matrix order. Callers only read it: it is worked out once
// per technique and goroutine.
func (p *Pass) tacticsOf(t *attack.Technique) []*attack.Tactic {
	c := p.caches()
	if ts, ok := c.tactics[t]; ok {
		return ts
	}
	ts := tacticsIn(p.Catalog, t)
	c.tactics[t] = ts
	return ts
}

// tacticsIn is tacticsOf, worked out.
func tacticsIn(cat *attack.Catalog, t *attack.Technique) []*attack.Tactic {
	var out []*attack.Tactic
	for _, tac := range cat.Tactics {
		for _, s := range t.Tactics {
			if s == tac.Shortname {
				out = append(out, tac)
			}
		}
	}
	return out
}

// ruleWatch returns what the rule watches in ATT&CK's terms: from its
// observation when the run has one, else only its event source, which is
// all platform-mismatch needs.
func (p *Pass) ruleWatch() (w *evidence.Watch, observed bool) {
	if p.watch == nil {
		obs, ok := p.opt.Observations[p.Rule.Name]
		if !ok {
			obs = &condition.Observation{Rule: p.Rule.Name, Source: p.Rule.Source}
		}
		p.watch, p.observed = p.caches().watch(obs), ok
	}
	return p.watch, p.observed
}

// verdict weighs what the rule watches against t, once for both evidence
// checks and for every rule that watches the same; evidence.Matcher.Judge
// says why, when a finding needs it.
func (p *Pass) verdict(w *evidence.Watch, t *attack.Technique) *verdict {
	return p.caches().verdict(p.evidence, w, t)
}

// caches returns the pass's cache, a fresh one outside Run.
func (p *Pass) caches() *cache {
	if p.cache == nil {
		p.cache = newCache()
	}
	return p.cache
}

// liveTechniqueSet returns the rule's known, not revoked techniques, each
// once, in tag order. Callers only read it: it is worked out once per
// pass.
func (p *Pass) liveTechniqueSet() []*TagInfo {
	if p.liveSetDone {
		return p.liveSet
	}
	var out []*TagInfo
	if p.cache != nil {
		out = p.cache.liveSet[:0]
	}
	for _, t := range p.liveTechniques() {
		if !slices.ContainsFunc(out, func(o *TagInfo) bool { return o.Technique == t.Technique }) {
			out = append(out, t)
		}
	}
	if p.cache != nil {
		p.cache.liveSet = out
	}
	p.liveSet, p.liveSetDone = out, true
	return out
}
