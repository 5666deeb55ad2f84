package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/diag"
)

// TestJUnitWriter holds the JUnit report, written as it goes, to the
// bytes encoding/xml wrote for it before (encodedJUnit, below), on
// reports filled at random with every kind of text XML must escape.
func TestJUnitWriter(t *testing.T) {
	words := []string{"", "plain", "a.yaml", "b.yaml", "x]]>y", "]]>", "<&>\"'", "tab\tnl\ncr\r", "\x00\x1f\x7f", "\ufffd", "bad\xffutf8", "\xef\xbf\xbd", "日本語", "\U0001F600"}
	r := rand.New(rand.NewPCG(7, 8))
	for i := range 400 {
		var rep check.Report
		fillReport(r, &rep, words)
		if r.IntN(3) == 0 {
			// Findings of rules the RuleRefs do not name.
			rep.RuleRefs = nil
		}
		var got, want bytes.Buffer
		if err := (JUnit{}).Write(&got, &rep); err != nil {
			t.Fatal(err)
		}
		if err := encodedJUnit(&want, &rep); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Fatalf("report %d: got\n%s\nwant\n%s", i, got.String(), want.String())
		}
	}
}

type encSuites struct {
	XMLName  xml.Name   `xml:"testsuites"`
	Name     string     `xml:"name,attr"`
	Tests    int        `xml:"tests,attr"`
	Failures int        `xml:"failures,attr"`
	Errors   int        `xml:"errors,attr"`
	Suites   []encSuite `xml:"testsuite"`
}

type encSuite struct {
	Name     string    `xml:"name,attr"`
	Tests    int       `xml:"tests,attr"`
	Failures int       `xml:"failures,attr"` // test cases that failed
	Errors   int       `xml:"errors,attr"`
	Cases    []encCase `xml:"testcase"`
}

type encCase struct {
	Name      string       `xml:"name,attr"`
	Classname string       `xml:"classname,attr"`
	File      string       `xml:"file,attr,omitempty"`
	Line      int          `xml:"line,attr,omitempty"`
	Failures  []encProblem `xml:"failure"`
	Errors    []encProblem `xml:"error"`
}

type encProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",cdata"` // keeps line breaks readable
}

// encodedJUnit is JUnit.Write as it was, with encoding/xml.
func encodedJUnit(w io.Writer, r *check.Report) error {
	out := encSuites{Name: toolName(r)}
	suites := map[string]int{}
	suite := func(file string) *encSuite {
		i, ok := suites[file]
		if !ok {
			i = len(out.Suites)
			suites[file] = i
			out.Suites = append(out.Suites, encSuite{Name: file})
		}
		return &out.Suites[i]
	}
	for _, f := range r.Files {
		suite(f) // files without rules still show, in load order
	}
	type at struct{ suite, tc int }
	cases := map[string]at{}
	addCase := func(name string, rg diag.Range) at {
		s := suite(rg.File)
		s.Cases = append(s.Cases, encCase{Name: name, Classname: rg.File, File: rg.File, Line: rg.Start.Line})
		a := at{suites[rg.File], len(s.Cases) - 1}
		cases[name] = a
		return a
	}
	for _, ref := range r.RuleRefs {
		addCase(ref.Name, ref.Range)
	}
	for _, f := range r.Findings {
		a, ok := cases[f.Rule]
		if !ok {
			// A report made without RuleRefs: the rule's case is where
			// its first finding is.
			a = addCase(f.Rule, f.Range)
		}
		tc := &out.Suites[a.suite].Cases[a.tc]
		tc.Failures = append(tc.Failures, encProblem{Message: f.Message, Type: f.Severity.String() + " " + f.Code, Text: encJUnitText(f)})
	}
	for _, err := range r.Errors {
		rg, msg := diag.Range{}, err.Error()
		var ie *diag.InputError
		if errors.As(err, &ie) {
			rg = ie.Range
		}
		s := suite(rg.File)
		s.Cases = append(s.Cases, encCase{Name: "load " + rg.File, Classname: rg.File, File: rg.File, Line: rg.Start.Line,
			Errors: []encProblem{{Message: msg, Type: "input-error", Text: msg}}})
	}
	for i := range out.Suites {
		s := &out.Suites[i]
		for _, tc := range s.Cases {
			s.Tests++
			if len(tc.Failures) > 0 {
				s.Failures++
			}
			if len(tc.Errors) > 0 {
				s.Errors++
			}
		}
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Errors += s.Errors
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// encJUnitText is a failure's body: the finding as the text report has it.
func encJUnitText(f check.Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s: %s [%s]", f.Range, f.Severity, f.Message, f.Code)
	if f.Tag != "" {
		fmt.Fprintf(&b, "\ntag: %s", f.Tag)
	}
	if t := f.Technique; t != nil {
		fmt.Fprintf(&b, "\n%s %s (%s): %s", t.ID, t.Name, strings.Join(t.Tactics, ", "), t.URL)
	}
	return b.String()
}
