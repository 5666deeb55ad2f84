package check

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/fix"
	"github.com/falcomitre/falcomitre/rules"
)

// fixOrder lists the checks that have fixes, in the order a fix run tries
// them: spelling first (a tag is canonical and live before its tactic is
// judged), then tactics. A later fix that collides with an earlier one
// waits for the next round, when it is worked out again on the new text.
var fixOrder = []string{
	"non-canonical-tag",
	"revoked-technique",
	"duplicate-tag",
	"missing-tactic",
	"tactic-mismatch",
	"incomplete-tactics",
	"unsupported-tactic",
}

// removing are the checks whose fix deletes a tag the author meant, not a
// copy: applied only when asked for (FixPolicy.Remove).
var removing = map[string]bool{"unsupported-tactic": true}

// FixableCodes returns the codes of the checks that have fixes, sorted.
func FixableCodes() []string {
	codes := slices.Clone(fixOrder)
	slices.Sort(codes)
	return codes
}

// FixPolicy says which fixes a fix run applies.
type FixPolicy struct {
	// Codes limits the fixes to these checks; empty means all of them.
	Codes []string
	// Unsafe also applies the fixes that choose among several answers.
	Unsafe bool
	// Remove also applies the fixes that remove a tag the author meant
	// (unsupported-tactic), not a copy or a misspelling.
	Remove bool
}

// CheckCodes returns an error naming the first code that is not a check
// or has no fix, for the command line to report.
func (p FixPolicy) CheckCodes() error {
	for _, c := range p.Codes {
		switch {
		case Lookup(c) == nil:
			return fmt.Errorf("unknown check code %q", c)
		case !slices.Contains(fixOrder, c):
			return fmt.Errorf("check %q has no fix; the checks with fixes are %s", c, strings.Join(FixableCodes(), ", "))
		}
	}
	return nil
}

// allows reports whether p applies the fixes of findings of code.
func (p FixPolicy) allows(code string, fx diag.Fix) bool {
	switch {
	case !slices.Contains(fixOrder, code):
		return false
	case len(p.Codes) > 0 && !slices.Contains(p.Codes, code):
		return false
	case removing[code] && !p.Remove:
		return false
	}
	return !fx.Unsafe || p.Unsafe
}

// Fixes returns the fixes of r's findings that p allows, in the order a
// fix run tries them: by check as fixOrder lists them, then by position.
func (r *Report) Fixes(p FixPolicy) []diag.Fix {
	type ranked struct {
		rank int
		f    *Finding
		fx   diag.Fix
	}
	var rs []ranked
	for i := range r.Findings {
		f := &r.Findings[i]
		for _, fx := range f.Fixes {
			if p.allows(f.Code, fx) {
				rs = append(rs, ranked{slices.Index(fixOrder, f.Code), f, fx})
			}
		}
	}
	// Findings are sorted by position already; a stable sort by rank
	// keeps that order within a check.
	slices.SortStableFunc(rs, func(a, b ranked) int { return cmp.Compare(a.rank, b.rank) })
	out := make([]diag.Fix, len(rs))
	for i, x := range rs {
		out[i] = x.fx
	}
	return out
}

// edits gathers the edits of one fix from the fix package's builders; the
// first refusal wins and becomes the finding's Unfixable.
type edits struct {
	list []diag.Edit
	err  error
}

func (e *edits) add(list []diag.Edit, err error) {
	if e.err == nil && err != nil {
		e.err = err
	}
	if e.list == nil {
		e.list = list // most fixes have one builder's edits: no copy
		return
	}
	e.list = append(e.list, list...)
}

func (e *edits) replace(t rules.Tag, text string) { e.add(fix.Replace(t, text)) }
func (e *edits) remove(t rules.Tag)               { e.add(fix.Remove(t)) }
func (e *edits) insertAfter(t rules.Tag, texts ...string) {
	e.add(fix.InsertAfter(t, texts...))
}

// attach puts the fix made of e on the finding the running check reported
// last, or, when a builder refused, the reason on Unfixable.
func (p *Pass) attach(e *edits, title string, unsafe bool) {
	p.attachAt(len(p.findings)-1, e, title, unsafe)
}

// attachAt is attach for the i-th finding of the pass.
func (p *Pass) attachAt(i int, e *edits, title string, unsafe bool) {
	f := &p.findings[i]
	if e.err != nil {
		f.Unfixable = e.err.Error()
		return
	}
	if len(e.list) > 0 {
		f.Fixes = append(f.Fixes, diag.Fix{Title: title, Edits: e.list, Unsafe: unsafe})
	}
}

// itemHas reports whether t's item also has a tag written value.
func itemHas(t rules.Tag, value string) bool {
	if t.Item == nil {
		return false
	}
	for _, o := range t.Item.Tags {
		if o.Value == value {
			return true
		}
	}
	return false
}

// firstOf says, for the title of an unsafe fix, which choice it made.
func firstOf(what string, choices []string) string {
	return fmt.Sprintf("the first of %d %s (%s); unsafe, applied with --unsafe-fixes", len(choices), what, strings.Join(choices, ", "))
}
