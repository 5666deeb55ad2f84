package check

import (
	"fmt"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/diag"
)

var incompleteTactics = &Check{
	Doc: Doc{
		Code:     "incomplete-tactics",
		Severity: diag.Note,
		Title:    "Technique with some of its tactics untagged",
		Text: `Some techniques serve several tactics (T1053.003 Cron is Execution, Persistence and
Privilege Escalation). The falcosecurity convention tags only the tactic the rule detects, so this is
a note for teams whose policy is to tag every tactic of every technique, for example to make a
Navigator layer show the rule in every column the technique appears in. With "tactic-policy: all"
in the configuration (or --tactic-policy all) it is an error, and its fix adds the missing tactic
tags after the technique.`,
	},
	Run: func(p *Pass) {
		tactics := p.ruleTactics()
		// Two techniques may miss the same tactic: only the first fix
		// adds it, so that the fixes of a rule never add a tag twice. The
		// tactics of a technique no tactic of which is tagged are
		// tactic-mismatch's to add.
		added := map[string]bool{}
		if p.allTactics() && p.opt.runs(tacticMismatch.Code) {
			for _, t := range mismatched(p, tactics) {
				for _, tag := range p.tacticTags(p.tacticsOf(t.Technique)) {
					added[tag] = true
				}
			}
		}
		for _, t := range p.liveTechniques() {
			if t.Technique.Deprecated {
				continue // deprecated-technique asks for another technique
			}
			own := p.tacticsOf(t.Technique)
			var have, miss []*attack.Tactic
			for _, tac := range own {
				if tactics[tac] {
					have = append(have, tac)
				} else {
					miss = append(miss, tac)
				}
			}
			if len(have) == 0 || len(miss) == 0 {
				continue
			}
			tags := p.tacticTags(miss)
			msg := fmt.Sprintf("%s also belongs to %s, which the rule does not tag", techName(t.Technique), p.tacticNames(miss))
			if !p.allTactics() {
				// A note: tagging only the detected tactic is the convention.
				p.reportTag(t, msg, "", t.Technique, tags...)
				continue
			}
			p.reportTag(t, msg, "the tactic policy is all: every tactic of every technique the rule names is tagged", t.Technique, tags...)
			var add []string
			for _, tag := range tags {
				if !added[tag] {
					add = append(add, tag)
					added[tag] = true
				}
			}
			if len(add) > 0 {
				var e edits
				e.insertAfter(t.Tag, add...)
				p.attach(&e, "add "+andList(add), false)
			}
		}
	},
}
