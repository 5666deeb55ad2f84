package unidiff

import (
	"bytes"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/internal/sharedtest"
)

// gnu returns what GNU diff -u prints for old and new; false when there
// is no diff command to run.
func gnu(t *testing.T, old, new string) (string, bool) {
	t.Helper()
	if _, err := exec.LookPath("diff"); err != nil {
		t.Log("no diff command to compare with")
		return "", false
	}
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	os.WriteFile(a, []byte(old), 0o644)
	os.WriteFile(b, []byte(new), 0o644)
	out, err := exec.Command("diff", "-u", "--label", "a", "--label", "b", a, b).Output()
	if err != nil && len(out) == 0 && old != new {
		t.Fatalf("diff: %v", err)
	}
	return string(out), true
}

const ten = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n"

// at returns the offset of the line that is s in ten.
func at(s string) int { return strings.Index("\n"+ten, "\n"+s+"\n") }

func TestWriteCases(t *testing.T) {
	tail := len(ten)
	cases := []struct {
		name  string
		old   string
		edits []edit
	}{
		{"equal", ten, nil},
		{"empty change", ten, []edit{{at("4"), 0, ""}}},
		{"same bytes", ten, []edit{{at("4"), 1, "4"}}},
		{"both empty", "", nil},
		{"from empty", "", []edit{{0, 0, "a\nb\n"}}},
		{"to empty", "a\nb\n", []edit{{0, 4, ""}}},
		{"from empty no newline", "", []edit{{0, 0, "a"}}},
		{"to empty no newline", "a", []edit{{0, 1, ""}}},
		{"newline added", "a", []edit{{1, 0, "\n"}}},
		{"newline removed", "a\n", []edit{{1, 1, ""}}},
		{"last line changed no newline", "a\nb", []edit{{2, 1, "c"}}},
		{"last line kept no newline", "a\nb", []edit{{0, 1, "c"}}},
		{"append after no newline", "a\nb", []edit{{3, 0, "\nc"}}},
		{"append no newline", "a\nb\n", []edit{{4, 0, "c"}}},
		{"first line", ten, []edit{{0, 1, "one"}}},
		{"last line", ten, []edit{{at("10"), 2, "ten"}}},
		{"first and last", ten, []edit{{0, 1, "one"}, {at("10"), 2, "ten"}}},
		{"insert at start", ten, []edit{{0, 0, "0\n"}}},
		{"insert at end", ten, []edit{{tail, 0, "11\n"}}},
		{"delete first", ten, []edit{{0, 2, ""}}},
		{"delete last", ten, []edit{{at("10"), 3, ""}}},
		{"adjacent lines", ten, []edit{{at("4"), 1, "four"}, {at("5"), 1, "five"}}},
		{"one line twice", ten, []edit{{at("10"), 1, "X"}, {at("10") + 1, 1, "Y"}}},
		{"line joined", ten, []edit{{at("4") + 1, 1, " "}}},
		{"line split", ten, []edit{{at("10") + 1, 0, "\n"}}},
		{"gap 6 joins", ten, []edit{{at("2"), 1, "two"}, {at("9"), 1, "nine"}}},
		{"gap 7 parts", "a\n" + ten, []edit{{0, 1, "A"}, {2 + at("9"), 1, "nine"}}},
		{"delete and insert", ten, []edit{{at("3"), 2, ""}, {at("8"), 0, "7b\n"}}},
		{"numbers after a joined hunk", strings.Repeat(ten, 4), []edit{{at("5"), 1, "five"}, {at("9"), 1, "nine"}, {len(ten)*2 + at("9"), 1, "X\nY"}}},
		{"crlf", "a\r\nb\r\n", []edit{{3, 1, "c"}}},
		{"invalid utf8", "a\xff\nb\n\xe2\x82\n", []edit{{3, 1, "c"}}},
		{"only newlines", "\n\n\n", []edit{{2, 1, ""}}},
		{"multi-line edit with same ends", ten, []edit{{at("3"), 5, "3\nX\n5"}}},
	}
	for _, c := range cases {
		new, cs := edited(c.old, c.edits)
		got := holds(t, c.name, c.old, new, cs)
		if want, ok := gnu(t, c.old, new); ok && got != want {
			t.Errorf("%s: differs from diff -u\ngot:\n%s\nwant:\n%s", c.name, got, want)
		}
	}
}

// TestWriteRejects holds Write to changes that describe the texts.
func TestWriteRejects(t *testing.T) {
	old, new := "a\nb\n", "a\nc\n"
	for _, cs := range [][]Change{
		nil,
		{{0, 1, 0, 1}},
		{{2, 3, 2, 3}, {0, 1, 0, 1}},
		{{2, 9, 2, 3}},
		{{2, 3, 2, 3}, {2, 3, 2, 3}},
	} {
		var b bytes.Buffer
		if err := Write(&b, "a", "b", []byte(old), []byte(new), cs); err == nil {
			t.Errorf("changes %v: no error", cs)
		}
	}
}

// TestWriteRandom diffs random texts of few distinct lines, edited at
// random bytes, so that changes meet, touch and cross newlines.
func TestWriteRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	texts := []string{"", "x", "\n", "y\n", "a\nb\n", "\nz"}
	for i := range 5000 {
		n := r.IntN(40)
		if i%20 == 0 {
			n = r.IntN(2000)
		}
		old := randomText(r, n)
		picks := make([]int, 2*(1+r.IntN(max(1, n/3))))
		for k := range picks {
			picks[k] = r.IntN(1 << 20)
		}
		new, cs := edited(old, sortedEdits(old, picks, texts))
		holds(t, "random", old, new, cs)
	}
}

func randomText(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(byte('a' + r.IntN(4)))
		b.WriteByte('\n')
	}
	s := b.String()
	if r.IntN(4) == 0 {
		s = strings.TrimSuffix(s, "\n")
	}
	return s
}

// TestWriteCorpus makes the edits of tag fixes to every rules file of
// the shared corpus; the diff must be diff -u's.
func TestWriteCorpus(t *testing.T) {
	files := sharedtest.RulesFiles(t)
	for _, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		old := string(src)
		for _, every := range []int{1, 3, 50} {
			new, cs := edited(old, retag(old, every))
			got := holds(t, p, old, new, cs)
			if every != 3 {
				continue
			}
			if want, ok := gnu(t, old, new); ok && got != want {
				t.Errorf("%s: differs from diff -u\ngot:\n%s\nwant:\n%s", p, got, want)
			}
		}
	}
}

// retag edits every every-th tags line as a fix would: it renames a
// MITRE tag and adds one to a flow sequence.
func retag(s string, every int) []edit {
	var es []edit
	n, off := 0, 0
	for _, l := range strings.SplitAfter(s, "\n") {
		if strings.Contains(l, "tags:") {
			if n%every == 0 {
				if k := strings.Index(l, "mitre_"); k >= 0 {
					es = append(es, edit{off + k, len("mitre_"), "mitre_renamed_"})
				}
				if k := strings.LastIndex(l, "]"); k >= 0 {
					es = append(es, edit{off + k, 0, ", T1059"})
				}
			}
			n++
		}
		off += len(l)
	}
	return es
}

func FuzzWrite(f *testing.F) {
	f.Add("a\nb\nc\n", []byte{0, 1, 2, 3}, "x\n")
	f.Add("- rule: x\n  tags: [a, b]\n- rule: y\n  tags: [c]", []byte{12, 1, 30, 0}, "T1059")
	f.Add("", []byte{0, 0}, "a")
	f.Add("a", []byte{1, 0, 0, 1}, "\n")
	f.Fuzz(func(t *testing.T, old string, ops []byte, text string) {
		picks := make([]int, len(ops))
		for i, b := range ops {
			picks[i] = int(b)
		}
		texts := []string{text, "", "\n", text + "\n"}
		new, cs := edited(old, sortedEdits(old, picks, texts))
		holds(t, "fuzz", old, new, cs)
	})
}
