package report

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/diag"
)

// JUnit writes the report as JUnit XML, which CI systems (GitLab, Jenkins,
// Azure Pipelines) show as test results: one test suite per rules file,
// one test case per rule defined in it, and a failure per finding about
// the rule, so that a rule with no finding shows as a passing test. The
// schema is the de facto one of Ant's JUnit task, as read by
// https://github.com/testmoapp/junitxml. An input that could not be
// checked is a test case with an error.
type JUnit struct{}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"` // test cases that failed
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string         `xml:"name,attr"`
	Classname string         `xml:"classname,attr"`
	File      string         `xml:"file,attr,omitempty"`
	Line      int            `xml:"line,attr,omitempty"`
	Failures  []junitProblem `xml:"failure"`
	Errors    []junitProblem `xml:"error"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",cdata"` // keeps line breaks readable
}

// junitType is what a failure's type attribute says: its severity and
// code, the severity mapped in one place.
func junitType(f check.Finding) string {
	return f.Severity.String() + " " + f.Code
}

// Write implements Writer.
func (JUnit) Write(w io.Writer, r *check.Report) error {
	out := junitSuites{Name: toolName(r)}
	suites := map[string]int{}
	suite := func(file string) *junitSuite {
		i, ok := suites[file]
		if !ok {
			i = len(out.Suites)
			suites[file] = i
			out.Suites = append(out.Suites, junitSuite{Name: file})
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
		s.Cases = append(s.Cases, junitCase{Name: name, Classname: rg.File, File: rg.File, Line: rg.Start.Line})
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
		tc.Failures = append(tc.Failures, junitProblem{Message: f.Message, Type: junitType(f), Text: junitText(f)})
	}
	for _, err := range r.Errors {
		rg, msg := diag.Range{}, err.Error()
		var ie *diag.InputError
		if errors.As(err, &ie) {
			rg = ie.Range
		}
		s := suite(rg.File)
		s.Cases = append(s.Cases, junitCase{Name: "load " + rg.File, Classname: rg.File, File: rg.File, Line: rg.Start.Line,
			Errors: []junitProblem{{Message: msg, Type: "input-error", Text: msg}}})
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

// junitText is a failure's body: the finding as the text report has it.
func junitText(f check.Finding) string {
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
