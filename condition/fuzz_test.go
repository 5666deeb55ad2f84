package condition

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/falcomitre/falcomitre/rules"
)

// FuzzParse feeds arbitrary text to Parse: it must not panic, an error
// must point inside the text, and a tree must print to text that parses
// back to the same print.
func FuzzParse(f *testing.F) {
	for _, c := range parseCases {
		f.Add(c.in)
	}
	for _, s := range []string{strings.Repeat("(", 300) + "a" + strings.Repeat(")", 300), "not not not(a)", "a.b in (\"\\\\\", '\\'')"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := Parse(s)
		if err != nil {
			se, ok := err.(*SyntaxError)
			if !ok || se.Offset < 0 || se.Offset > len(s) || se.Msg == "" {
				t.Fatalf("bad error %#v", err)
			}
			return
		}
		checkOffsets(t, e, len(s))
		p := String(e)
		e2, err := Parse(p)
		if err != nil {
			t.Fatalf("%q printed as %q, which does not parse: %v", s, p, err)
		}
		if p2 := String(e2); p2 != p {
			t.Fatalf("%q printed as %q, then as %q", s, p, p2)
		}
	})
}

// checkOffsets checks that every node starts inside a text of n bytes.
func checkOffsets(t *testing.T, e Expr, n int) {
	t.Helper()
	var op func(o Operand)
	op = func(o Operand) {
		if o == nil {
			return
		}
		if o.Pos() < 0 || o.Pos() > n {
			t.Fatalf("operand at %d outside [0,%d]", o.Pos(), n)
		}
		switch o := o.(type) {
		case *Transform:
			for _, a := range o.Args {
				op(a)
			}
		case *ArgList:
			for _, a := range o.Items {
				op(a)
			}
		}
	}
	var ex func(e Expr)
	ex = func(e Expr) {
		if e.Pos() < 0 || e.Pos() > n {
			t.Fatalf("node at %d outside [0,%d]", e.Pos(), n)
		}
		switch e := e.(type) {
		case *And:
			for _, c := range e.Children {
				ex(c)
			}
		case *Or:
			for _, c := range e.Children {
				ex(c)
			}
		case *Not:
			ex(e.Child)
		case *Check:
			op(e.Left)
			op(e.Right)
		}
	}
	ex(e)
}

// FuzzAnalyze puts arbitrary text in a small rules file, as a macro's
// and a rule's condition beside lists and macros, in several YAML
// styles: Analyze must not panic, every error must be at a position
// inside the file, and every observation must be sorted and unique.
func FuzzAnalyze(f *testing.F) {
	for _, c := range parseCases {
		f.Add(c.in, uint8(0))
	}
	paths, _ := filepath.Glob(filepath.Join("testdata", "cases", "*.yaml"))
	for _, p := range paths {
		if src, err := os.ReadFile(p); err == nil {
			for _, line := range strings.Split(string(src), "\n") {
				if c, ok := strings.CutPrefix(strings.TrimSpace(line), "condition: "); ok {
					f.Add(c, uint8(1))
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, cond string, style uint8) {
		src := fuzzRulesFile(cond, style)
		file := rules.Parse("f.yaml", []byte(src))
		set := rules.Resolve([]*rules.File{file})
		res := Analyze(set)
		for _, e := range res.Errors {
			if e.Range.File != "f.yaml" || !e.Range.Start.IsValid() || e.Range.Start.Offset > len(src) {
				t.Fatalf("error at a bad position: %v (%+v)", e, e.Range)
			}
			if !utf8.ValidString(src) || strings.ContainsAny(src, "\r\u0085\u2028\u2029") {
				continue // lines broken otherwise than by LF: checkPos counts LF only
			}
			checkPos(t, src, e.Range.Start.Line, e.Range.Start.Column, e.Range.Start.Offset)
		}
		for _, r := range res.Rules {
			for _, s := range [][]string{r.EventTypes, r.Fields, r.Processes, r.Paths, r.ExcludedProcesses, r.ExcludedPaths} {
				if !sort.StringsAreSorted(s) {
					t.Fatalf("rule %q: not sorted: %q", r.Rule.Name, s)
				}
				for i := 1; i < len(s); i++ {
					if s[i] == s[i-1] {
						t.Fatalf("rule %q: duplicate %q", r.Rule.Name, s[i])
					}
				}
			}
			if r.Expr != nil {
				Expand(r.Expr)
			}
		}
		// Observations is Analyze without the texts and trees: the same
		// observation for every rule Falco would accept, and no other.
		obs, accepted := Observations(set), 0
		for _, r := range res.Rules {
			if r.Err == nil {
				accepted++
				if !reflect.DeepEqual(obs[r.Rule.Name], &r.Observation) {
					t.Fatalf("rule %q: Observations and Analyze differ", r.Rule.Name)
				}
			}
		}
		if len(obs) != accepted {
			t.Fatalf("%d observations for %d accepted rules", len(obs), accepted)
		}
	})
}

// fuzzRulesFile writes cond into a rules file, quoted as style says.
func fuzzRulesFile(cond string, style uint8) string {
	var c string
	switch style % 4 {
	case 0: // double-quoted, escaped as Go does it (a YAML subset)
		c = fmt.Sprintf("%q", cond)
	case 1: // folded block
		c = ">\n    " + strings.ReplaceAll(cond, "\n", "\n    ")
	case 2: // single-quoted
		c = "'" + strings.ReplaceAll(cond, "'", "''") + "'"
	default: // literal block
		c = "|\n    " + strings.ReplaceAll(cond, "\n", "\n    ")
	}
	return "- list: shells\n  items: [bash, 'a b', shells]\n" +
		"- macro: spawned\n  condition: evt.type in (execve, execveat)\n" +
		"- macro: m\n  condition: " + c + "\n" +
		"- macro: m\n  condition: or spawned\n  append: true\n" +
		"- rule: r\n  desc: d\n  condition: " + c + "\n  output: o\n  priority: INFO\n" +
		"- rule: s\n  desc: d\n  condition: m and proc.name in (shells)\n  output: o\n  priority: INFO\n" +
		"- rule: r\n  condition: and spawned\n  override:\n    condition: append\n"
}

// checkPos checks that line and column agree with the byte offset.
func checkPos(t *testing.T, src string, line, col, off int) {
	t.Helper()
	l, c := 1, 1
	for i := 0; i < off; {
		r, n := utf8.DecodeRuneInString(src[i:])
		i += n
		if r == '\n' {
			l, c = l+1, 1
			continue
		}
		c++
	}
	if l != line || c != col {
		t.Fatalf("position %d:%d for offset %d, which is %d:%d", line, col, off, l, c)
	}
}

// FuzzLexers compares the hand-written lexers with libsinsp's regular
// expressions (parser.cpp), run by package regexp with POSIX
// leftmost-longest semantics as RE2::POSIX does.
func FuzzLexers(f *testing.F) {
	for _, s := range []string{"a.b", "a.b.c1_x", "ab.", "1e+5", "-1.2e-3x", "0x1Fg", "+.5", "/etc/*,x", "not \t x", "x[y", "runc:[0:PARENT]"} {
		f.Add(s)
	}
	res := map[string]*regexp.Regexp{
		"identifier": regexp.MustCompilePOSIX(`^[a-zA-Z]+[a-zA-Z0-9_]*`),
		"fieldname":  regexp.MustCompilePOSIX(`^[a-zA-Z]+[a-zA-Z0-9_]*(\.[a-zA-Z]+[a-zA-Z0-9_]*)+`),
		"number":     regexp.MustCompilePOSIX(`^[+\-]?[0-9]+[\.]?[0-9]*([eE][+\-][0-9]+)?`),
		"hex":        regexp.MustCompilePOSIX(`^0[xX][0-9a-fA-F]+`),
		"barestr":    regexp.MustCompilePOSIX("^[^()\"'\t\n\v\f\r =,]+"),
		"fieldarg":   regexp.MustCompilePOSIX("^[^][\"'\t\n\v\f\r ]+"),
		"notblank":   regexp.MustCompilePOSIX("^not[\t\n\v\f\r ]+"),
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // regexp matches runes, the lexers bytes: alike only on UTF-8
		}
		lex := map[string]func(p *parser) bool{
			"identifier": (*parser).lexIdentifier,
			"fieldname":  (*parser).lexFieldName,
			"number":     (*parser).lexNum,
			"hex":        (*parser).lexHexNum,
			"barestr":    (*parser).lexBareStr,
			"fieldarg":   (*parser).lexFieldArgBareStr,
			"notblank":   (*parser).lexNotBlank,
		}
		for name, re := range res {
			// POSIX syntax makes ^ match after a line break too, so
			// only a match at 0 counts.
			want := 0
			if loc := re.FindStringIndex(s); loc != nil && loc[0] == 0 {
				want = loc[1]
			}
			p := &parser{s: s}
			got := 0
			if lex[name](p) {
				got = p.i
			}
			if got != want {
				t.Fatalf("%s on %q: lexed %d bytes, the regexp %d", name, s, got, want)
			}
		}
	})
}
