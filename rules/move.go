package rules

import "github.com/falcomitre/falcomitre/diag"

// move makes it an item of f, dOff bytes and dLine lines from where it
// was: Reparse moves items an edit above them shifted. Columns stay: an
// item moves by whole lines.
func (it *Item) move(f *File, dOff, dLine int) {
	it.File = f
	shiftRange(&it.Range, dOff, dLine)
	for i := range it.Tags {
		shiftRange(&it.Tags[i].Range, dOff, dLine)
	}
	for i := range it.StrayTags {
		shiftRange(&it.StrayTags[i].Range, dOff, dLine)
	}
	for i := range it.StrayTagKeys {
		shiftRange(&it.StrayTagKeys[i].Range, dOff, dLine)
	}
	if it.TagsKey != nil {
		shiftRange(&it.TagsKey.Range, dOff, dLine)
	}
	if s := it.TagsSeq; s != nil {
		shiftRange(&s.Range, dOff, dLine)
		for i := range s.Elems {
			e := &s.Elems[i]
			e.Start += dOff
			if e.Dash >= 0 {
				e.Dash += dOff
			}
			if e.LineStart >= 0 {
				e.LineStart += dOff
			}
		}
	}
	if c := it.ConditionAt; c != nil {
		shiftRange(&c.Range, dOff, dLine)
		c.src = f.Src
	}
	for i := range it.ListItems {
		shiftRange(&it.ListItems[i].Range, dOff, dLine)
	}
	// A change's tags and tags key are the item's own (movable).
	for i := range it.changes {
		ch := &it.changes[i]
		for j := range ch.exceptions {
			shiftRange(&ch.exceptions[j].at, dOff, dLine)
		}
	}
}

// movable reports whether move shifts everything of it once: its changes
// hold no tags or tags key but the item's own, which move shifts as the
// item's.
func (it *Item) movable() bool {
	for _, ch := range it.changes {
		if len(ch.tags) > 0 && (len(it.Tags) == 0 || &ch.tags[0] != &it.Tags[0]) ||
			ch.tagsKey != nil && ch.tagsKey != it.TagsKey {
			return false
		}
	}
	return true
}

// shiftRange moves r, if set.
func shiftRange(r *diag.Range, dOff, dLine int) {
	if r.Start.IsValid() {
		r.Start.Line += dLine
		r.Start.Offset += dOff
	}
	if r.End.IsValid() {
		r.End.Line += dLine
		r.End.Offset += dOff
	}
}
