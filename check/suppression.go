package check

import (
	"bytes"
	"slices"
	"strings"

	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/rules"
)

// ignoreMarker starts a suppression comment: # falcomitre:ignore CODE[,CODE] reason.
const ignoreMarker = "falcomitre:ignore"

// Suppression is one `# falcomitre:ignore CODE[,CODE] reason` comment of a
// rules file. On a line of tags (after a tag or a tags key) it suppresses
// the findings of its codes on that line; on the line of a rule item's
// first key (`- rule: X`), or as a whole-line comment just above it, the
// findings of its codes about that rule, in whatever file they are.
type Suppression struct {
	// Range is the comment, from its # to the end of its text.
	Range  diag.Range
	Codes  []string // as written, in order
	Reason string   // the text after the codes, "" when missing
	// Rule is the rule the comment is about: the rule item it is on or
	// above, or the item whose tags are on its line.
	Rule string
	// Line is the line of tags whose findings it suppresses; 0 when it
	// suppresses for the whole of Rule.
	Line int

	codeRanges []diag.Range // where each of Codes is written
	// misplaced is set when the comment is neither on a line of tags nor
	// at a rule item, so that it suppresses nothing.
	misplaced bool
}

// Suppressions returns the suppression comments of f in source order.
// Only YAML comments count: the marker inside a quoted or block scalar (a
// condition, say) is text, not a comment, and is passed over. A file that
// is not valid YAML has none, since Falco loads nothing from it.
func Suppressions(f *rules.File) []Suppression {
	if !bytes.Contains(f.Src, []byte(ignoreMarker)) {
		return nil // the common case costs one scan of the bytes
	}
	comments := yamlComments(f.Src)
	if comments == nil {
		return nil
	}
	var out []Suppression
	var offsets []int
	for i := 0; ; {
		k := bytes.Index(f.Src[i:], []byte(ignoreMarker))
		if k < 0 {
			break
		}
		at := i + k
		i = at + len(ignoreMarker)
		s, offs, ok := parseSuppression(f.Src, at, comments)
		if ok {
			out = append(out, s)
			offsets = append(offsets, offs...)
		}
	}
	if len(out) == 0 {
		return nil
	}
	place(f, out, offsets)
	return out
}

// parseSuppression reads the suppression whose marker is at src[at:], if
// the marker starts a YAML comment. It returns the byte offsets that place
// turns into positions: the comment's start and end, then each code's
// start and end.
func parseSuppression(src []byte, at int, comments map[string]bool) (Suppression, []int, bool) {
	hash := at - 1
	for hash >= 0 && isBlank(src[hash]) {
		hash--
	}
	end := at + len(ignoreMarker)
	if hash < 0 || src[hash] != '#' || end < len(src) && !isBlank(src[end]) && !isBreak(src[end]) {
		return Suppression{}, nil, false // another word, or not where a comment starts
	}
	stop := commentEnd(src, hash)
	if !comments[string(src[hash:stop])] {
		return Suppression{}, nil, false
	}
	var s Suppression
	offsets := []int{hash, stop}
	i := skipBlanksIn(src, end, stop)
	// Codes are one word; a comma followed by a blank continues it, for
	// the reader who writes "a, b".
	for i < stop && !isBlank(src[i]) {
		j := i
		for j < stop && !isBlank(src[j]) {
			j++
		}
		for k := i; k < j; {
			n := bytes.IndexByte(src[k:j], ',')
			e := j
			if n >= 0 {
				e = k + n
			}
			if e > k {
				s.Codes = append(s.Codes, string(src[k:e]))
				offsets = append(offsets, k, e)
			}
			k = e + 1
		}
		i = skipBlanksIn(src, j, stop)
		if src[j-1] != ',' {
			break
		}
	}
	s.Reason = strings.TrimSpace(string(src[i:stop]))
	return s, offsets, true
}

// place gives each suppression its positions and its scope: the rule or
// line of tags it is about, or none.
func place(f *rules.File, sups []Suppression, offsets []int) {
	pos := f.Positions(offsets...)
	ruleAt, tagsAt := map[int]string{}, map[int]string{}
	for _, it := range f.Items {
		if it.Kind == rules.KindRule {
			if _, ok := ruleAt[it.Range.Start.Line]; !ok {
				ruleAt[it.Range.Start.Line] = it.Name
			}
		}
		mark := func(r diag.Range) {
			for _, l := range []int{r.Start.Line, r.End.Line} {
				if _, ok := tagsAt[l]; !ok {
					tagsAt[l] = it.Name
				}
			}
		}
		for _, t := range it.Tags {
			mark(t.Range)
		}
		for _, t := range it.StrayTags {
			mark(t.Range)
		}
		if it.TagsKey != nil {
			mark(it.TagsKey.Range)
		}
		for _, k := range it.StrayTagKeys {
			mark(k.Range)
		}
	}
	k := 0
	for i := range sups {
		s := &sups[i]
		s.Range = diag.Range{File: f.Path, Start: pos[k], End: pos[k+1]}
		k += 2
		for range s.Codes {
			s.codeRanges = append(s.codeRanges, diag.Range{File: f.Path, Start: pos[k], End: pos[k+1]})
			k += 2
		}
		line := s.Range.Start.Line
		if name, ok := ruleAt[line]; ok {
			s.Rule = name
		} else if name, ok := tagsAt[line]; ok {
			s.Rule, s.Line = name, line
		} else if name, ok := ruleAt[line+1]; ok && wholeLine(f.Src, s.Range.Start.Offset) {
			s.Rule = name
		} else {
			s.misplaced = true
		}
	}
}

// covers reports whether s suppresses f.
func (s *Suppression) covers(f *Finding) bool {
	switch {
	case s.misplaced || !slices.Contains(s.Codes, f.Code):
		return false
	case s.Line == 0:
		return f.Rule == s.Rule
	}
	return f.Range.File == s.Range.File && (f.Range.Start.Line == s.Line || f.Range.End.Line == s.Line)
}

// wholeLine reports whether only blanks come before src[at] on its line.
func wholeLine(src []byte, at int) bool {
	for i := at - 1; i >= 0 && !isBreak(src[i]); i-- {
		if !isBlank(src[i]) {
			return false
		}
	}
	return true
}

// commentEnd returns the end of the comment text starting at i: its line
// end, trailing blanks left out.
func commentEnd(src []byte, i int) int {
	for i < len(src) && !isBreak(src[i]) {
		i++
	}
	for isBlank(src[i-1]) {
		i--
	}
	return i
}

func skipBlanksIn(src []byte, i, stop int) int {
	for i < stop && isBlank(src[i]) {
		i++
	}
	return i
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }
func isBreak(c byte) bool { return c == '\n' || c == '\r' }
