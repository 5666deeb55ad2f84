package rules

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/falcomitre/falcomitre/diag"
)

// refPositions computes the position of every byte offset of src the slow
// way, independently of lineTable: lines end at CR LF, CR, LF, NEL, LS or
// PS (as in yaml.v3), columns count code points, and a leading BOM is not
// a column. Offsets inside a character or a CR LF get the position of the
// character.
func refPositions(src []byte) []diag.Pos {
	pos := make([]diag.Pos, len(src)+1)
	line, col := 1, 1
	i := 0
	if strings.HasPrefix(string(src), "\uFEFF") {
		for ; i < 3; i++ {
			pos[i] = diag.Pos{Line: 1, Column: 1, Offset: i}
		}
	}
	for i < len(src) {
		r, n := utf8.DecodeRune(src[i:])
		if r == '\r' && i+1 < len(src) && src[i+1] == '\n' {
			n = 2
		}
		for k := 0; k < n; k++ {
			pos[i+k] = diag.Pos{Line: line, Column: col, Offset: i + k}
		}
		switch r {
		case '\n', '\r', '\u0085', '\u2028', '\u2029':
			line, col = line+1, 1
		default:
			col++
		}
		i += n
	}
	pos[len(src)] = diag.Pos{Line: line, Column: col, Offset: len(src)}
	return pos
}

// checkRange verifies that r lies in src, ends after it starts, and that
// its lines and columns agree with its offsets.
func checkRange(src []byte, ref []diag.Pos, path string, r diag.Range) error {
	if r.File != path {
		return fmt.Errorf("range file %q, want %q", r.File, path)
	}
	s, e := r.Start.Offset, r.End.Offset
	if s < 0 || e < s || e > len(src) {
		return fmt.Errorf("range [%d,%d) outside [0,%d] or reversed", s, e, len(src))
	}
	for _, p := range []diag.Pos{r.Start, r.End} {
		if want := ref[p.Offset]; p != want {
			return fmt.Errorf("position %+v, want %+v", p, want)
		}
	}
	return nil
}

// checkTagText verifies that a non-empty tag range holds the tag's text:
// the quoted scalar whose value is Value, or Value itself with YAML's line
// folding.
func checkTagText(src []byte, t Tag) error {
	text := string(src[t.Range.Start.Offset:t.Range.End.Offset])
	if text == "" {
		if t.Quoted != 0 {
			return fmt.Errorf("quoted tag %q has an empty range", t.Value)
		}
		return nil
	}
	if t.Quoted != 0 {
		if text[0] != t.Quoted || text[len(text)-1] != t.Quoted || len(text) < 2 {
			return fmt.Errorf("tag text %q is not quoted with %c", text, t.Quoted)
		}
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(text), &n); err != nil || len(n.Content) != 1 || n.Content[0].Value != t.Value {
			return fmt.Errorf("tag text %q does not read as %q", text, t.Value)
		}
		return nil
	}
	if noSpace(text) != noSpace(t.Value) && !strings.ContainsAny(text[:1], "|>") {
		return fmt.Errorf("tag text %q is not %q", text, t.Value)
	}
	return nil
}

func noSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u2028' || r == '\u2029' {
			return -1
		}
		return r
	}, s)
}

// checkFile verifies every range of f; strict also wants each key's and
// each item's range to hold the key's text.
func checkFile(f *File, strict bool) error {
	src := f.Src
	ref := refPositions(src)
	check := func(what string, r diag.Range) error {
		if err := checkRange(src, ref, f.Path, r); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		return nil
	}
	var errs []error
	if ie, ok := f.Err.(*diag.InputError); ok && ie.Range.Start.IsValid() {
		errs = append(errs, check("error", ie.Range))
	}
	for _, w := range f.Warnings {
		errs = append(errs, check("warning "+w.Msg, w.Range))
	}
	for _, it := range f.Items {
		errs = append(errs, check("item "+it.Name, it.Range))
		if strict && it.Kind != KindUnknown {
			if got := string(src[it.Range.Start.Offset:it.Range.End.Offset]); strings.Trim(got, `"'`) == "" {
				errs = append(errs, fmt.Errorf("item %q range holds %q", it.Name, got))
			}
		}
		keys := append([]Key(nil), it.StrayTagKeys...)
		if it.TagsKey != nil {
			keys = append(keys, *it.TagsKey)
		}
		for _, k := range keys {
			errs = append(errs, check("key "+k.Name, k.Range))
			if got := string(src[k.Range.Start.Offset:k.Range.End.Offset]); strict && strings.Trim(got, `"'`) != k.Name {
				errs = append(errs, fmt.Errorf("key %q range holds %q", k.Name, got))
			}
		}
		for _, t := range append(append([]Tag(nil), it.Tags...), it.StrayTags...) {
			what := fmt.Sprintf("tag %q of %q", t.Value, it.Name)
			if err := check(what, t.Range); err != nil {
				errs = append(errs, err)
				continue
			}
			if err := checkTagText(src, t); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", what, err))
			}
			if strict && t.Range.Start.Offset == t.Range.End.Offset {
				errs = append(errs, fmt.Errorf("%s: empty range", what))
			}
		}
	}
	var out []string
	for _, e := range errs {
		if e != nil {
			out = append(out, e.Error())
		}
	}
	if len(out) > 0 {
		return fmt.Errorf("%s", strings.Join(out, "\n"))
	}
	return nil
}

// TestPositions checks every range of every loader case: inside the file,
// lines and columns agreeing with offsets, and the bytes being the text.
func TestPositions(t *testing.T) {
	for _, dir := range loadCases(t) {
		paths, _ := filepath.Glob(filepath.Join(dir, "*.y*ml"))
		for _, path := range paths {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := checkFile(Parse(path, src), true); err != nil {
				t.Errorf("%s:\n%v", path, err)
			}
		}
	}
}

// TestLineTable checks position conversion on tricky line ends.
func TestLineTable(t *testing.T) {
	srcs := []string{"", "a", "\uFEFF", "\uFEFFab\ncd", "a\r\nb\rc\u0085d\u2028e\u2029f\n", "é日本\n\ta\r\n", "\r\n\r\n"}
	for _, s := range srcs {
		lt := newLineTable([]byte(s))
		ref := refPositions([]byte(s))
		for off := 0; off <= len(s); off++ {
			if off < len(s) && !utf8.RuneStart(s[off]) || insideCRLF(s, off) {
				continue // inside a character or a CR LF: never a position
			}
			got := lt.pos(off)
			if want := ref[off]; got != want {
				t.Errorf("%q: pos(%d) = %+v, want %+v", s, off, got, want)
			}
			// Offsets inside the BOM have no position of their own.
			if off >= len(utf8BOM)*boolInt(hasBOM([]byte(s))) {
				if back := lt.offset(got.Line, got.Column); back != off {
					t.Errorf("%q: offset(%d, %d) = %d, want %d", s, got.Line, got.Column, back, off)
				}
			}
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func insideCRLF(s string, off int) bool {
	return off > 0 && off < len(s) && s[off-1] == '\r' && s[off] == '\n'
}

// TestLineTablePieces: a large file's lines are found a piece per core,
// and must be those found in one pass, wherever the pieces are cut.
func TestLineTablePieces(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 300 {
		src := make([]byte, n)
		for i := range src {
			src[i] = "ab\n\n"[r.IntN(4)]
		}
		for _, first := range []int{0, min(3, n)} {
			want := appendLFStarts([]int{first}, src, first, len(src))
			if got := lfStartsInPieces(src, first); !slices.Equal(got, want) {
				t.Fatalf("%q from %d: got %v, want %v", src, first, got, want)
			}
		}
	}
	big := bytes.Repeat([]byte("- rule: x\n  tags: [a]\n\n"), linesPiecesMin/20)
	if got, want := newLineTable(big).starts, appendLFStarts([]int{0}, big, 0, len(big)); !slices.Equal(got, want) {
		t.Errorf("a %d-byte file: %d lines, want %d", len(big), len(got), len(want))
	}
}
