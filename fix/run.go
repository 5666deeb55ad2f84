package fix

import (
	"fmt"
	"slices"

	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/rules"
)

// Finder returns the fixes to apply to a rule set, in the order to try
// them. Run calls it once a round, on the files as fixed so far; its last
// call is on Result.Set, so a report it keeps of that call describes the
// files as fixed.
type Finder func(set *rules.Set) []diag.Fix

// DefaultRounds caps the rounds of a Run: each round applies every fix
// that does not collide with another, so real files settle in two or
// three; the cap only stops a fix that keeps coming back.
const DefaultRounds = 10

// Options tune a Run.
type Options struct {
	// Rounds caps the rounds; 0 means DefaultRounds.
	Rounds int
	// Set, when not nil, is the files given to Run already resolved
	// (rules.LoadFiles' set; a set of other files is ignored): the first
	// round starts from it instead of resolving them again, a third of a
	// second on one core for 100k rules.
	Set *rules.Set
	// BeforeApply, when not nil, is called when a round is about to
	// change the files: what find kept of the set it was last given no
	// longer describes them. Letting it go there lets the patched files'
	// parse reuse its memory.
	BeforeApply func()
	// Consume lets Run take the models of the files it is given: in a
	// large round, the items no fix touches move to the patched file's
	// model, their positions shifted (rules.Reparse), instead of being
	// parsed again. The caller must not use the files, or anything made
	// of them, once Run has started.
	Consume bool
}

// File is one file of a Run.
type File struct {
	Path   string
	Before []byte // as read
	After  []byte // as fixed; Before when nothing changed
	Fixes  int    // fixes applied
	Tags   int    // tags changed, see TagsChanged
	// Changes are the stretches of bytes the fixes changed, what a diff
	// of Before and After shows.
	Changes []Change
	// Err says why a fix of this file was refused (a patched text that
	// failed Verify); the file keeps the fixes applied before.
	Err error

	// parsed is After parsed: Verify's parse, reused by the next round
	// so that an unchanged file is never parsed again.
	parsed *rules.File
	// before are the file's tags before the run's first fix, what Tags
	// counts from; nil until a round patches the file.
	before *itemTags
}

// Changed reports whether the fix run changed the file.
func (f *File) Changed() bool { return string(f.Before) != string(f.After) }

// Result is what a Run did.
type Result struct {
	Files []*File // in load order
	// Set is the files as fixed, loaded and resolved again: what a
	// report of what remains is made from.
	Set    *rules.Set
	Rounds int // rounds that applied fixes
	// Capped is set when the round cap stopped the run with fixes left,
	// which would be a bug: fixes that keep undoing one another.
	Capped bool
}

// Run fixes files in memory: it loads them together, asks find for fixes,
// applies every fix that does not collide with one taken before it, keeps
// each patched file only if Verify accepts it, and starts again on the
// result until no fix is left or the round cap is reached. Fixes marked
// Unsafe are applied only in a round where no other fix is left, so that
// a safe fix that settles a question goes first. A file that did not load
// is never changed. Nothing is written: see WriteFile.
//
// Because each round works on the output of the last, applying fixes to
// the result of a Run finds nothing more to do.
func Run(files []*rules.File, find Finder, opt Options) *Result {
	limit := opt.Rounds
	if limit <= 0 {
		limit = DefaultRounds
	}
	res := &Result{}
	byPath := map[string]*File{}
	for _, f := range files {
		ff := &File{Path: f.Path, Before: f.Src, After: f.Src, parsed: f}
		if prev := byPath[f.Path]; prev != nil {
			// Edits name files by path: with two copies loaded, an edit
			// would not say which one it means.
			prev.Err = fmt.Errorf("%s: loaded twice, not fixed", f.Path)
			ff.Err = prev.Err
		}
		res.Files = append(res.Files, ff)
		byPath[f.Path] = ff
	}
	// Past the first round Run holds no model of a file it patched:
	// neither files nor opt are read again.
	parsed := files
	var next *rules.Set // the next round's set when resolved already
	if opt.Set != nil && slices.Equal(opt.Set.Files, files) {
		next = opt.Set
	}
	beforeApply := opt.BeforeApply
	for {
		set := next
		if set == nil {
			set = rules.Resolve(parsed)
		}
		res.Set = set
		if res.Rounds >= limit {
			res.Capped = len(choose(set, find(set), byPath)) > 0
			break
		}
		plan := choose(set, find(set), byPath)
		if len(plan) == 0 {
			break
		}
		if beforeApply != nil {
			beforeApply()
		}
		res.Set = nil // applyRound lets the models of the files it patches go
		var changed bool
		changed, next = applyRound(res.Files, plan, opt.Consume)
		if !changed {
			break
		}
		res.Rounds++
		parsed = parsedFiles(res.Files)
	}
	for _, ff := range res.Files {
		if ff.Changed() {
			ff.Tags = ff.before.changed(ff.parsed)
		}
	}
	return res
}

// filePlan is the fixes chosen for one file in one round.
type filePlan struct {
	edits [][]diag.Edit // per fix, this file's edits
}

// choose picks the fixes of one round: safe ones when there are any, else
// unsafe ones, each only if none of its edits collides with an edit
// already taken and every file it touches loaded.
func choose(set *rules.Set, fixes []diag.Fix, byPath map[string]*File) map[string]*filePlan {
	loaded := map[string]bool{}
	for _, f := range set.Files {
		ff := byPath[f.Path]
		loaded[f.Path] = f.Err == nil && ff != nil && ff.Err == nil
	}
	plan := pick(fixes, false, loaded)
	if len(plan) == 0 {
		plan = pick(fixes, true, loaded)
	}
	return plan
}

// pick takes the fixes whose Unsafe is unsafe, in order, that fit.
func pick(fixes []diag.Fix, unsafe bool, loaded map[string]bool) map[string]*filePlan {
	plan := map[string]*filePlan{}
	taken := takenEdits{}
	for _, fx := range fixes {
		if fx.Unsafe != unsafe || len(fx.Edits) == 0 || !fits(fx, loaded, taken) {
			continue
		}
		for i, e := range fx.Edits {
			taken.add(e)
			if slices.ContainsFunc(fx.Edits[:i], func(o diag.Edit) bool { return o.File == e.File }) {
				continue // that file's edits are in already
			}
			if plan[e.File] == nil {
				plan[e.File] = &filePlan{}
			}
			plan[e.File].edits = append(plan[e.File].edits, editsIn(fx.Edits[i:], e.File))
		}
	}
	return plan
}

// editsIn returns the edits of file, edits itself when it has no other:
// nearly every fix edits one file.
func editsIn(edits []diag.Edit, file string) []diag.Edit {
	if !slices.ContainsFunc(edits, func(e diag.Edit) bool { return e.File != file }) {
		return edits
	}
	var out []diag.Edit
	for _, e := range edits {
		if e.File == file {
			out = append(out, e)
		}
	}
	return out
}

// fits reports whether fix can join the edits taken so far.
func fits(fx diag.Fix, loaded map[string]bool, taken takenEdits) bool {
	for i, e := range fx.Edits {
		if !loaded[e.File] || taken.conflicts(e) || conflictsWith(fx.Edits[:i], e) {
			return false
		}
	}
	return true
}
