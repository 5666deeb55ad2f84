package unidiff

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aymanbagabas/go-udiff"

	"github.com/falcomitre/falcomitre/internal/sharedtest"
)

// same fails the test unless Unified and Write print what udiff.Unified
// prints.
func same(t *testing.T, name, old, new string) {
	t.Helper()
	want := udiff.Unified("a/x.yaml", "b/x.yaml", old, new)
	if got := Unified("a/x.yaml", "b/x.yaml", old, new); got != want {
		t.Fatalf("%s: differs from udiff.Unified\nold: %q\nnew: %q\ngot:\n%s\nwant:\n%s", name, old, new, got, want)
	}
	if got := written(t, "a/x.yaml", "b/x.yaml", old, new); got != want {
		t.Fatalf("%s: Write differs from udiff.Unified\nold: %q\nnew: %q\ngot:\n%s\nwant:\n%s", name, old, new, got, want)
	}
}

// written returns what Write writes.
func written(t testing.TB, from, to, old, new string) string {
	var b strings.Builder
	if err := Write(&b, from, to, []byte(old), []byte(new)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestUnifiedCases(t *testing.T) {
	const ten = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n"
	cases := []struct{ name, old, new string }{
		{"equal", ten, ten},
		{"both empty", "", ""},
		{"from empty", "", "a\nb\n"},
		{"to empty", "a\nb\n", ""},
		{"from empty no newline", "", "a"},
		{"to empty no newline", "a", ""},
		{"newline added", "a", "a\n"},
		{"newline removed", "a\n", "a"},
		{"last line changed no newline", "a\nb", "a\nc"},
		{"last line kept no newline", "a\nb", "c\nb"},
		{"append after no newline", "a\nb", "a\nb\nc"},
		{"append no newline", "a\nb\n", "a\nb\nc"},
		{"first line", ten, "one\n" + ten[2:]},
		{"last line", ten, ten[:len(ten)-3] + "ten\n"},
		{"first and last", ten, "one\n" + ten[2:len(ten)-3] + "ten\n"},
		{"insert at start", ten, "0\n" + ten},
		{"insert at end", ten, ten + "11\n"},
		{"delete first", ten, ten[2:]},
		{"delete last", ten, ten[:len(ten)-3]},
		{"adjacent", ten, strings.Replace(strings.Replace(ten, "4\n", "four\n", 1), "5\n", "five\n", 1)},
		{"gap 6 merges", ten, strings.Replace(strings.Replace(ten, "2\n", "two\n", 1), "9\n", "nine\n", 1)},
		{"gap 7 splits", "a\n" + ten, "A\n" + strings.Replace(ten, "9\n", "nine\n", 1)},
		{"delete and insert", ten, strings.Replace(strings.Replace(ten, "3\n", "", 1), "7\n", "7\n7b\n", 1)},
		{"crlf", "a\r\nb\r\n", "a\r\nc\r\n"},
		{"invalid utf8", "a\xff\nb\n\xe2\x82\n", "a\xff\nc\n\xe2\x82\n"},
		{"only newlines", "\n\n\n", "\n\n"},
	}
	for _, c := range cases {
		same(t, c.name, c.old, c.new)
	}
}

// TestUnifiedRandom diffs random texts of few distinct lines, so that
// the LCS has many choices, and with many edits, so that it also hits
// go-udiff's search limit and its repair of partial paths.
func TestUnifiedRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		n := r.IntN(60)
		if i%10 == 0 {
			n = r.IntN(2000)
		}
		old := randomText(r, n)
		same(t, "random", old, editText(r, old, 1+r.IntN(max(1, n/2))))
	}
}

func randomText(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(string(rune('a' + r.IntN(4))))
		b.WriteString("\n")
	}
	s := b.String()
	if r.IntN(4) == 0 {
		s = strings.TrimSuffix(s, "\n")
	}
	return s
}

// editText replaces, inserts or deletes k random lines of s, and at
// times adds or drops the final newline.
func editText(r *rand.Rand, s string, k int) string {
	lines := strings.SplitAfter(s, "\n")
	for range k {
		i := r.IntN(len(lines) + 1)
		switch r.IntN(3) {
		case 0:
			lines = append(lines[:i], append([]string{"new\n"}, lines[i:]...)...)
		case 1:
			if i < len(lines) {
				lines = append(lines[:i], lines[i+1:]...)
			}
		default:
			if i < len(lines) {
				lines[i] = "x" + lines[i]
			}
		}
	}
	out := strings.Join(lines, "")
	switch r.IntN(8) {
	case 0:
		out = strings.TrimSuffix(out, "\n")
	case 1:
		out += "\n"
	}
	return out
}

// TestUnifiedCorpus makes the edits of a tag fix, and others, to every
// rules file of the shared corpus.
func TestUnifiedCorpus(t *testing.T) {
	var files []string
	filepath.WalkDir(sharedtest.Dir(t, "corpus"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		t.Skip("no rules files in the corpus")
	}
	r := rand.New(rand.NewPCG(3, 4))
	for _, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		old := string(src)
		for _, every := range []int{1, 2, 3, 7, 50} {
			new := retag(old, every)
			same(t, p, old, new)
			same(t, p+" no final newline", strings.TrimSuffix(old, "\n"), strings.TrimSuffix(new, "\n"))
			same(t, p+" newline dropped", old, strings.TrimSuffix(new, "\n"))
		}
		lines := strings.SplitAfter(old, "\n")
		same(t, p+" first line", old, "# edited\n"+strings.Join(lines[1:], ""))
		same(t, p+" last line", old, strings.Join(lines[:len(lines)-1], "")+"# edited\n")
		for range 5 {
			same(t, p+" random edits", old, editText(r, old, 1+r.IntN(20)))
		}
	}
}

// retag rewrites every every-th tags line as a fix would, renaming a
// MITRE tag and adding one.
func retag(s string, every int) string {
	lines := strings.SplitAfter(s, "\n")
	n := 0
	for i, l := range lines {
		if !strings.Contains(l, "tags:") {
			continue
		}
		if n%every == 0 {
			l = strings.Replace(l, "mitre_", "mitre_renamed_", 1)
			lines[i] = strings.Replace(l, "]", ", T1059]", 1)
		}
		n++
	}
	return strings.Join(lines, "")
}
