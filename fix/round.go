package fix

import (
	"fmt"

	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/rules"
)

// patch is one file's patch in a round, before Verify has judged it.
type patch struct {
	ff     *File
	before *rules.File
	plan   *filePlan
	n      int // fixes applied
	out    []byte
	after  *rules.File
	err    error
}

// applyRound patches every file of a round's plan and keeps each patched
// file that Verify accepts; changed reports whether one was kept. While
// Verify runs, the files as patched are resolved for the next round: both
// take about a third of a second for 100k rules, and Verify nearly always
// passes. next is that set, nil when a patch failed and the files kept
// are not the ones resolved.
func applyRound(files []*File, set *rules.Set, plan map[string]*filePlan, byPath map[string]*File) (changed bool, next *rules.Set) {
	var ps []*patch
	for _, f := range set.Files {
		if p := plan[f.Path]; p != nil {
			ps = append(ps, patchFile(byPath[f.Path], f, p, p.edits))
		}
	}
	// Verify reads each patched File while Resolve rewrites its Err,
	// Items and Warnings (with the same values): it gets a copy.
	views := make([]rules.File, len(ps))
	candidate := map[*File]*rules.File{}
	for i, p := range ps {
		if p.err == nil {
			views[i] = *p.after
			candidate[p.ff] = p.after
		}
	}
	done := make(chan *rules.Set, 1)
	go func() {
		parsed := parsedFiles(files)
		for i, ff := range files {
			if a := candidate[ff]; a != nil {
				parsed[i] = a
			}
		}
		done <- rules.Resolve(parsed)
	}()
	for i, p := range ps {
		if p.err == nil {
			p.err = Verify(p.before, &views[i])
		}
	}
	next = <-done
	for _, p := range ps {
		if p.err != nil && len(p.plan.edits) > 1 {
			// One bad fix must not hold back the file for ever: the
			// first alone may pass.
			*p = *patchFile(p.ff, p.before, p.plan, p.plan.edits[:1])
			if p.err == nil {
				p.err = Verify(p.before, p.after)
			}
			next = nil
		}
		if p.err != nil {
			// Left alone from now on.
			p.ff.Err = fmt.Errorf("%s: refusing a fix: %w", p.ff.Path, p.err)
			next = nil
			continue
		}
		p.ff.After, p.ff.parsed = p.out, p.after
		p.ff.Fixes += p.n
		changed = true
	}
	return changed, next
}

// patchFile applies fixes, some of p's, to what ff holds so far and parses
// the result.
func patchFile(ff *File, before *rules.File, p *filePlan, fixes [][]diag.Edit) *patch {
	pt := &patch{ff: ff, before: before, plan: p, n: len(fixes)}
	var edits []diag.Edit
	for _, e := range fixes {
		edits = append(edits, e...)
	}
	pt.out, pt.err = Apply(ff.After, edits)
	if pt.err == nil {
		pt.after = rules.Parse(ff.Path, pt.out)
	}
	return pt
}

// parsedFiles returns what each file holds so far, parsed.
func parsedFiles(files []*File) []*rules.File {
	parsed := make([]*rules.File, len(files))
	for i, ff := range files {
		parsed[i] = ff.parsed
	}
	return parsed
}
