package fix

import (
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/diag"
)

func TestApply(t *testing.T) {
	src := []byte("0123456789")
	e := func(off, n int, text string) diag.Edit { return diag.Edit{Offset: off, Length: n, Text: text} }
	for _, c := range []struct {
		name  string
		edits []diag.Edit
		want  string
		err   string
	}{
		{"none", nil, "0123456789", ""},
		{"unsorted", []diag.Edit{e(8, 1, "x"), e(0, 2, "")}, "234567x9", ""},
		{"insert before a replacement at the same offset", []diag.Edit{e(3, 2, "R"), e(3, 0, "I")}, "012IR56789", ""},
		{"insert after a replacement", []diag.Edit{e(3, 2, "R"), e(5, 0, "I")}, "012RI56789", ""},
		{"adjacent", []diag.Edit{e(2, 2, ""), e(4, 2, "")}, "016789", ""},
		{"at the end", []diag.Edit{e(10, 0, "!")}, "0123456789!", ""},
		{"overlap", []diag.Edit{e(2, 3, ""), e(4, 2, "")}, "", "overlap"},
		{"two insertions at one offset", []diag.Edit{e(4, 0, "a"), e(4, 0, "b")}, "", "overlap"},
		{"past the end", []diag.Edit{e(9, 2, "")}, "", "outside"},
		{"negative", []diag.Edit{e(-1, 1, "")}, "", "outside"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := Apply(src, c.edits)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("err = %v, want %q", err, c.err)
				}
				return
			}
			if err != nil || string(got) != c.want {
				t.Fatalf("got %q, %v; want %q", got, err, c.want)
			}
			if string(src) != "0123456789" {
				t.Fatal("Apply modified its input")
			}
		})
	}
}

func TestScalar(t *testing.T) {
	for _, c := range []struct {
		text  string
		quote byte
		want  string
	}{
		{"T1059.004", 0, "T1059.004"},
		{"mitre_execution", '\'', "'mitre_execution'"},
		{"mitre_execution", '"', `"mitre_execution"`},
		{"it's", '\'', "'it''s'"},
		{"a, b", 0, `"a, b"`},
		{"null", 0, `"null"`},
		{"", 0, `""`},
		{"-x", 0, `"-x"`},
		{"a\"b\\c", '"', `"a\"b\\c"`},
		{"line\nbreak", '\'', `"line\nbreak"`},
		{"tab\there", 0, `"tab\there"`},
		{"café", 0, `"café"`},
		{"\x00", 0, `"\x00"`},
	} {
		if got := scalar(c.text, c.quote); got != c.want {
			t.Errorf("scalar(%q, %q) = %s, want %s", c.text, c.quote, got, c.want)
		}
	}
}
