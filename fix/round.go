package fix

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/rules"
)

// collectFrom is the size of source, in the files a round patches, from
// which the round is large: it keeps digests instead of the models,
// collects garbage once it has let the models go, and only then parses
// the files patched. The parse then reuses the models'
// memory instead of growing the heap by as much again: on a VM that
// faults each fresh 4 KB page in on its own, 100k rules (33 MB) parsed
// in 0.3 s instead of 0.7 s, for a 50 ms collection.
var collectFrom = 4 << 20

// collect is runtime.GC; a test watches what it frees.
var collect = runtime.GC

// reparse is rules.Reparse; a test holds it to parsing whole.
var reparse = rules.Reparse

// patch is one file's patch in a round, before Verify has judged it.
type patch struct {
	ff    *File
	base  *shape      // the file before the round
	old   *rules.File // its model, for Reparse to move items from; nil when parsed whole
	plan  *filePlan
	n     int // fixes applied
	out   []byte
	edits []diag.Edit // applied, in order
	after *rules.File
	err   error
}

// applyRound patches every file of a round's plan and keeps each patched
// file that Verify accepts; changed reports whether one was kept. While
// Verify runs, the files as patched are resolved for the next round: both
// take about a third of a second for 100k rules, and Verify nearly always
// passes. next is that set, nil when a patch failed and the files kept
// are not the ones resolved.
//
// Run and its caller hold no other reference to the models of the files
// patched: in a large round applyRound keeps only their shapes, digests
// in place of the models, and collects the models before the parse.
// When the caller has given the models up (consume) and the round edits
// few of a file's items, the file is not parsed whole: rules.Reparse
// moves the items no edit touches into the patched model. For 10 fixes
// in 100k rules, fix --diff took 1.04 s instead of 1.22.
func applyRound(files []*File, plan map[string]*filePlan, consume bool) (changed bool, next *rules.Set) {
	size := 0
	for _, ff := range files {
		if plan[ff.Path] != nil && ff.Err == nil {
			size += len(ff.After)
		}
	}
	large := size >= collectFrom
	var ps []*patch
	gone := false // models let go for the parse to reuse
	for _, ff := range files {
		p := plan[ff.Path]
		if p == nil || ff.Err != nil {
			continue
		}
		var wg sync.WaitGroup
		if ff.before == nil {
			f := ff.parsed
			wg.Go(func() { ff.before = tagsOf(f) })
		}
		pa := &patch{ff: ff, base: shapeOf(ff.parsed, !large), plan: p}
		if consume && large && few(p, ff.parsed) && ff.parsed.Reparsable() {
			// Its items move to the patched model; a small round keeps
			// the model to compare with, whole.
			pa.old = ff.parsed
		} else {
			gone = gone || large
		}
		ps = append(ps, pa)
		wg.Wait()
		ff.parsed = nil
	}
	if gone {
		collect()
	}
	for _, p := range ps {
		p.apply(p.plan.edits)
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
			p.err = p.base.verify(&views[i])
		}
	}
	next = <-done
	for _, p := range ps {
		if p.err != nil && len(p.plan.edits) > 1 {
			// One bad fix must not hold back the file for ever: the
			// first alone may pass.
			p.apply(p.plan.edits[:1])
			if p.err == nil {
				p.err = p.base.verify(p.after)
			}
			next = nil
		}
		if p.err != nil {
			// Left alone from now on, as it was before the round.
			p.ff.Err = fmt.Errorf("%s: refusing a fix: %w", p.ff.Path, p.err)
			p.ff.parsed = rules.Parse(p.ff.Path, p.ff.After)
			next = nil
			continue
		}
		p.ff.After, p.ff.parsed = p.out, p.after
		p.ff.Changes = compose(p.ff.Changes, p.edits)
		p.ff.Fixes += p.n
		changed = true
	}
	return changed, next
}

// reparseShare is the share of a file's items, 1 in reparseShare, that a
// round may edit for Reparse to move the others: it reads each run of
// edited items as a chunk of its own, and with 3,000 fixes in 150k items
// that already cost what a parse of the whole file does.
const reparseShare = 100

// few reports whether plan edits few enough of f's items for Reparse.
func few(plan *filePlan, f *rules.File) bool {
	n := 0
	for _, e := range plan.edits {
		n += len(e)
	}
	return n*reparseShare <= len(f.Items)
}

// apply applies fixes, some of the plan's, to what the file holds so far
// and parses the result.
func (p *patch) apply(fixes [][]diag.Edit) {
	var edits []diag.Edit
	for _, e := range fixes {
		edits = append(edits, e...)
	}
	p.n, p.after = len(fixes), nil
	p.out, p.edits, p.err = apply(p.ff.After, edits)
	switch {
	case p.err != nil:
	case p.old != nil:
		// Reparse takes the model: a second try parses whole.
		p.after, p.old = reparse(p.old, p.out, p.edits), nil
	default:
		p.after = rules.Parse(p.ff.Path, p.out)
	}
}

// parsedFiles returns what each file holds so far, parsed.
func parsedFiles(files []*File) []*rules.File {
	parsed := make([]*rules.File, len(files))
	for i, ff := range files {
		parsed[i] = ff.parsed
	}
	return parsed
}
