package fix

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/falcomitre/falcomitre/rules"
)

// Verify proves that after, a patched copy of before, differs from it only
// in tags: both parse to the same items with the same keys and values,
// the same warnings, the same bytes outside the tags lists, and the same
// comments inside them. Only the tags and the commas, dashes, blanks and
// line breaks between them may differ. before and after come from
// rules.Parse; before must have loaded without error.
//
// A fix that fails Verify is a bug in falcomitre, never the user's: the
// file is left as it was.
func Verify(before, after *rules.File) error {
	return shapeOf(before, true).verify(after)
}

// verify is Verify against the shape of the file before the fix.
func (s *shape) verify(after *rules.File) error {
	if s.err != nil {
		return fmt.Errorf("%s did not load before the fix: %w", s.path, s.err)
	}
	if after.Err != nil {
		return fmt.Errorf("the fixed %s would no longer load: %v", after.Path, after.Err)
	}
	if s.file != nil {
		if err := sameItems(s.file, after); err != nil {
			return fmt.Errorf("the fix would change %s beyond its tags: %w", s.path, err)
		}
	} else if loaderDigest(after) != s.sum {
		// Rare, and a bug: parse the file before the fix again to say
		// what changed.
		err := sameItems(rules.Parse(s.path, s.src), after)
		if err == nil {
			err = errors.New("what the loader reads changed")
		}
		return fmt.Errorf("the fix would change %s beyond its tags: %w", s.path, err)
	}
	rb, ra := s.regions, regions(after)
	if len(rb) != len(ra) {
		return fmt.Errorf("the fix would change the number of tags lists in %s", s.path)
	}
	if !ordered(rb, len(s.src)) || !ordered(ra, len(after.Src)) {
		return fmt.Errorf("cannot tell the tags lists of %s apart, so cannot prove the fix right", s.path)
	}
	b, a := s.src, after.Src
	pb, pa := 0, 0
	for i := range rb {
		if !bytes.Equal(b[pb:rb[i].start], a[pa:ra[i].start]) {
			return outside(s.path, b, pb, rb[i].start)
		}
		switch {
		case rb[i].opaque || ra[i].opaque:
			if !bytes.Equal(b[rb[i].start:rb[i].end], a[ra[i].start:ra[i].end]) {
				return fmt.Errorf("the fix would change a tags list of %s that it must not edit (near line %d)", s.path, lineOf(b, rb[i].start))
			}
		case !slices.EqualFunc(rb[i].comments(b), ra[i].comments(a), bytes.Equal):
			return fmt.Errorf("the fix would change the comments of a tags list of %s (near line %d)", s.path, lineOf(b, rb[i].start))
		}
		pb, pa = rb[i].end, ra[i].end
	}
	if !bytes.Equal(b[pb:], a[pa:]) {
		return outside(s.path, b, pb, len(b))
	}
	return nil
}

// ordered reports whether regions follow one another without overlap
// inside a file of n bytes, which the comparison needs.
func ordered(rs []region, n int) bool {
	at := 0
	for _, r := range rs {
		if r.start < at || r.end < r.start || r.end > n {
			return false
		}
		at = r.end
	}
	return true
}

func outside(path string, src []byte, from, to int) error {
	return fmt.Errorf("the fix would change bytes of %s outside its tags, between lines %d and %d", path, lineOf(src, from), lineOf(src, to))
}

// lineOf returns the 1-based line of offset i, counting LF only: enough to
// point a bug report at the place.
func lineOf(src []byte, i int) int { return bytes.Count(src[:min(i, len(src))], []byte{'\n'}) + 1 }

// sameItems compares what the loader read of each item, tags aside.
func sameItems(before, after *rules.File) error {
	if len(before.Items) != len(after.Items) {
		return fmt.Errorf("%d items before, %d after", len(before.Items), len(after.Items))
	}
	for i, x := range before.Items {
		y := after.Items[i]
		if err := sameItem(x, y); err != nil {
			return fmt.Errorf("%s %q: %w", x.Kind, x.Name, err)
		}
	}
	if len(before.Warnings) != len(after.Warnings) {
		return errors.New("the loader's warnings differ")
	}
	for i, w := range before.Warnings {
		if w.Msg != after.Warnings[i].Msg {
			return fmt.Errorf("the loader's warning %q became %q", w.Msg, after.Warnings[i].Msg)
		}
	}
	return nil
}

// itemFields are what sameItem compares of an item, tags aside.
type itemFields struct {
	kind                                rules.Kind
	mode                                rules.Mode
	name, source, cond, desc, out, prio string
	tagsOverride, tagsIgnored           string
	enabled                             string
	hasTagsKey, hasSeq, flow            bool
}

func fieldsOf(it *rules.Item) itemFields {
	f := itemFields{kind: it.Kind, mode: it.Mode, name: it.Name, source: it.Source, cond: it.Condition,
		desc: it.Desc, out: it.Output, prio: it.Priority, tagsOverride: it.TagsOverride,
		tagsIgnored: it.TagsIgnored, hasTagsKey: it.TagsKey != nil, hasSeq: it.TagsSeq != nil}
	if it.Enabled != nil {
		f.enabled = strconv.FormatBool(*it.Enabled)
	}
	if it.TagsSeq != nil {
		f.flow = it.TagsSeq.Flow
	}
	return f
}

func sameItem(x, y *rules.Item) error {
	if fx, fy := fieldsOf(x), fieldsOf(y); fx != fy {
		return fmt.Errorf("%+v became %+v", fx, fy)
	}
	if !slices.EqualFunc(x.StrayTags, y.StrayTags, func(a, b rules.Tag) bool { return a.Value == b.Value }) {
		return errors.New("its ignored tags changed")
	}
	return nil
}
