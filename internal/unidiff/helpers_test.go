package unidiff

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// edit replaces s[at:at+n] with text.
type edit struct {
	at, n int
	text  string
}

// edited applies edits, in order and apart, to old and returns the new
// text and its changes.
func edited(old string, edits []edit) (string, []Change) {
	var b strings.Builder
	var cs []Change
	o := 0
	for _, e := range edits {
		b.WriteString(old[o:e.at])
		c := Change{Old: e.at, OldEnd: e.at + e.n, New: b.Len()}
		b.WriteString(e.text)
		c.NewEnd = b.Len()
		cs = append(cs, c)
		o = e.at + e.n
	}
	b.WriteString(old[o:])
	return b.String(), cs
}

// written returns what Write writes.
func written(t testing.TB, old, new string, cs []Change) string {
	t.Helper()
	var b strings.Builder
	if err := Write(&b, "a", "b", []byte(old), []byte(new), cs); err != nil {
		t.Fatalf("Write: %v\nold: %q\nnew: %q\nchanges: %v", err, old, new, cs)
	}
	return b.String()
}

// patch applies diff to old as a strict patch would: every header's
// numbers and every context and removed line must be right. It also
// holds each hunk to at most contextLines of context at its ends and
// hunks to more than 2*contextLines lines apart.
func patch(old, diff string) (string, error) {
	if diff == "" {
		return old, nil
	}
	lines := strings.SplitAfter(old, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	d := strings.SplitAfter(diff, "\n")
	if len(d) < 3 || d[0] != "--- a\n" || d[1] != "+++ b\n" {
		return "", fmt.Errorf("bad header %q", d[:min(2, len(d))])
	}
	d = d[2:]
	var out []string
	at := 0          // old lines used
	lastChange := -1 // old line after the last hunk's last change
	for len(d) > 0 && d[0] != "" {
		var a, b, c, e int
		if _, err := fmt.Sscanf(numbered(d[0]), "@@ -%d,%d +%d,%d @@\n", &a, &b, &c, &e); err != nil {
			return "", fmt.Errorf("bad hunk header %q: %v", d[0], err)
		}
		d = d[1:]
		first := a - 1 // old line index of the hunk's first line
		if b == 0 {
			first = a
		}
		if first < at {
			return "", fmt.Errorf("hunk at old line %d overlaps the one before", a)
		}
		out = append(out, lines[at:first]...)
		at = first
		wantNew := c - 1
		if e == 0 {
			wantNew = c
		}
		if len(out) != wantNew {
			return "", fmt.Errorf("hunk %q: the new text is at line %d, not %d", "@@ -"+strconv.Itoa(a), len(out)+1, c)
		}
		var kinds []byte
		olds, news := 0, 0
		for len(d) > 0 && d[0] != "" && d[0][0] != '@' {
			l := d[0]
			d = d[1:]
			if l[0] == '\\' {
				return "", fmt.Errorf("stray %q", l)
			}
			body := l[1:]
			if len(d) > 0 && d[0] == "\\ No newline at end of file\n" {
				body = strings.TrimSuffix(body, "\n")
				d = d[1:]
			}
			kinds = append(kinds, l[0])
			switch l[0] {
			case ' ', '-':
				if at >= len(lines) || lines[at] != body {
					return "", fmt.Errorf("old line %d is not %q", at+1, body)
				}
				at++
				olds++
				if l[0] == ' ' {
					out = append(out, body)
					news++
				}
			case '+':
				out = append(out, body)
				news++
			default:
				return "", fmt.Errorf("bad line %q", l)
			}
		}
		if olds != b || news != e {
			return "", fmt.Errorf("hunk counts %d,%d, lines %d,%d", b, e, olds, news)
		}
		lead := len(kinds) - len(bytes.TrimLeft(kinds, " "))
		trail := len(kinds) - len(bytes.TrimRight(kinds, " "))
		if lead > contextLines || trail > contextLines || lead == len(kinds) {
			return "", fmt.Errorf("hunk with %d and %d lines of context of %d", lead, trail, len(kinds))
		}
		if lastChange >= 0 && first+lead-lastChange <= 2*contextLines {
			return "", fmt.Errorf("changes %d lines apart in two hunks", first+lead-lastChange)
		}
		lastChange = at - trail
	}
	return strings.Join(append(out, lines[at:]...), ""), nil
}

// numbered gives a hunk header both counts, which diff -u leaves out
// when they are 1.
func numbered(h string) string {
	f := strings.Fields(h)
	if len(f) != 4 {
		return h
	}
	for _, i := range []int{1, 2} {
		if !strings.Contains(f[i], ",") {
			f[i] += ",1"
		}
	}
	return strings.Join(f, " ") + "\n"
}

// holds fails the test unless the diff of old and new made from cs
// patches old into new, with only changed lines marked as changed.
func holds(t *testing.T, name, old, new string, cs []Change) string {
	t.Helper()
	diff := written(t, old, new, cs)
	got, err := patch(old, diff)
	if err != nil {
		t.Fatalf("%s: %v\nold: %q\nnew: %q\ndiff:\n%s", name, err, old, new, diff)
	}
	if got != new {
		t.Fatalf("%s: the diff gives %q, not %q\ndiff:\n%s", name, got, new, diff)
	}
	if old == new && diff != "" {
		t.Fatalf("%s: a diff of equal texts:\n%s", name, diff)
	}
	// In pieces as small as can be, the diff is the same.
	defer func(n int) { pieceBytes = n }(pieceBytes)
	pieceBytes = 1
	if cut := written(t, old, new, cs); cut != diff {
		t.Fatalf("%s: in pieces the diff is\n%s\nnot\n%s", name, cut, diff)
	}
	return diff
}

// sortedEdits turns random numbers into edits of s that are in order and
// apart.
func sortedEdits(s string, picks []int, texts []string) []edit {
	var es []edit
	for i := 0; i+1 < len(picks); i += 2 {
		at := picks[i] % (len(s) + 1)
		n := picks[i+1] % 4
		es = append(es, edit{at, min(n, len(s)-at), texts[i/2%len(texts)]})
	}
	slices.SortFunc(es, func(a, b edit) int { return a.at - b.at })
	var out []edit
	end := -1
	for _, e := range es {
		if e.at < end || (e.at == end && e.n == 0 && len(out) > 0 && out[len(out)-1].n == 0) {
			continue
		}
		out = append(out, e)
		end = e.at + e.n
	}
	return out
}
