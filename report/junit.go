package report

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strconv"
	"unicode/utf8"

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
//
// The XML is written as it goes, the bytes encoding/xml would write for
// the same elements indented by two spaces (junit_test.go holds it to
// that): the encoder held every failure's text at once and wrote it
// through reflection, a second for 100k rules.
type JUnit struct{}

// junitSuite is one test suite, its cases in order.
type junitSuite struct {
	name             string
	cases            []junitCase
	failures, errors int // cases that failed, that could not run
}

// junitCase is one test case: a rule, with the findings about it, or an
// input that could not be checked.
type junitCase struct {
	name, file string
	line       int
	findings   []int  // indexes in Report.Findings
	err        string // the input error; "" for a rule
	isErr      bool
}

// junitType is what a failure's type attribute says: its severity and
// code, the severity mapped in one place.
func junitType(f *check.Finding) string {
	return f.Severity.String() + " " + f.Code
}

// Write implements Writer.
func (JUnit) Write(w io.Writer, r *check.Report) error {
	var suites []junitSuite
	index := map[string]int{}
	suite := func(file string) *junitSuite {
		i, ok := index[file]
		if !ok {
			i = len(suites)
			index[file] = i
			suites = append(suites, junitSuite{name: file})
		}
		return &suites[i]
	}
	for _, f := range r.Files {
		suite(f) // files without rules still show, in load order
	}
	type at struct{ suite, tc int }
	cases := make(map[string]at, len(r.RuleRefs))
	addCase := func(name string, rg diag.Range) at {
		s := suite(rg.File)
		s.cases = append(s.cases, junitCase{name: name, file: rg.File, line: rg.Start.Line})
		a := at{index[rg.File], len(s.cases) - 1}
		cases[name] = a
		return a
	}
	for _, ref := range r.RuleRefs {
		addCase(ref.Name, ref.Range)
	}
	for i, f := range r.Findings {
		a, ok := cases[f.Rule]
		if !ok {
			// A report made without RuleRefs: the rule's case is where
			// its first finding is.
			a = addCase(f.Rule, f.Range)
		}
		tc := &suites[a.suite].cases[a.tc]
		tc.findings = append(tc.findings, i)
	}
	for _, err := range r.Errors {
		rg, msg := diag.Range{}, err.Error()
		var ie *diag.InputError
		if errors.As(err, &ie) {
			rg = ie.Range
		}
		s := suite(rg.File)
		s.cases = append(s.cases, junitCase{name: "load " + rg.File, file: rg.File, line: rg.Start.Line, err: msg, isErr: true})
	}
	tests, failures, errs := 0, 0, 0
	for i := range suites {
		s := &suites[i]
		for _, tc := range s.cases {
			if len(tc.findings) > 0 {
				s.failures++
			}
			if tc.isErr {
				s.errors++
			}
		}
		tests += len(s.cases)
		failures += s.failures
		errs += s.errors
	}

	x := &xmlWriter{w: bufio.NewWriterSize(w, 64<<10)}
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	x.start(0, "testsuites")
	x.attr("name", toolName(r))
	x.intAttr("tests", tests)
	x.intAttr("failures", failures)
	x.intAttr("errors", errs)
	x.raw(">")
	for i := range suites {
		s := &suites[i]
		x.start(1, "testsuite")
		x.attr("name", s.name)
		x.intAttr("tests", len(s.cases))
		x.intAttr("failures", s.failures)
		x.intAttr("errors", s.errors)
		x.raw(">")
		for j := range s.cases {
			tc := &s.cases[j]
			x.start(2, "testcase")
			x.attr("name", tc.name)
			x.attr("classname", tc.file)
			if tc.file != "" {
				x.attr("file", tc.file)
			}
			if tc.line != 0 {
				x.intAttr("line", tc.line)
			}
			x.raw(">")
			for _, k := range tc.findings {
				f := &r.Findings[k]
				x.text = appendJUnitText(x.text[:0], f)
				x.problem("failure", f.Message, junitType(f), x.text)
			}
			if tc.isErr {
				x.problem("error", tc.err, "input-error", append(x.text[:0], tc.err...))
			}
			x.end(2, "testcase", len(tc.findings) > 0 || tc.isErr)
		}
		x.end(1, "testsuite", len(s.cases) > 0)
	}
	x.end(0, "testsuites", len(suites) > 0)
	x.raw("\n")
	return x.w.Flush()
}

// appendJUnitText appends a failure's body: the finding as the text
// report has it.
func appendJUnitText(b []byte, f *check.Finding) []byte {
	b = append(b, f.Range.String()...)
	b = append(b, ": "...)
	b = append(b, f.Severity.String()...)
	b = append(b, ": "...)
	b = append(b, f.Message...)
	b = append(b, " ["...)
	b = append(b, f.Code...)
	b = append(b, ']')
	if f.Tag != "" {
		b = append(b, "\ntag: "...)
		b = append(b, f.Tag...)
	}
	if t := f.Technique; t != nil {
		b = append(b, '\n')
		b = append(b, t.ID...)
		b = append(b, ' ')
		b = append(b, t.Name...)
		b = append(b, " ("...)
		for i, tac := range t.Tactics {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = append(b, tac...)
		}
		b = append(b, "): "...)
		b = append(b, t.URL...)
	}
	return b
}

// xmlWriter writes elements indented by two spaces a level, as
// encoding/xml's Encoder with Indent("", "  ") does.
type xmlWriter struct {
	w    *bufio.Writer
	num  []byte
	text []byte // a failure's body, reused
}

func (x *xmlWriter) raw(s string) { x.w.WriteString(s) }

// start opens an element at depth, its attributes to follow: a new line
// first unless it is the first element.
func (x *xmlWriter) start(depth int, name string) {
	if depth > 0 {
		x.w.WriteByte('\n')
		for range depth {
			x.w.WriteString("  ")
		}
	}
	x.w.WriteByte('<')
	x.w.WriteString(name)
}

// end closes an element at depth: on a line of its own after children,
// right after its start tag when it has none.
func (x *xmlWriter) end(depth int, name string, children bool) {
	if children {
		x.w.WriteByte('\n')
		for range depth {
			x.w.WriteString("  ")
		}
	}
	x.w.WriteString("</")
	x.w.WriteString(name)
	x.w.WriteByte('>')
}

func (x *xmlWriter) attr(name, value string) {
	x.w.WriteByte(' ')
	x.w.WriteString(name)
	x.w.WriteString(`="`)
	escapeXML(x.w, value)
	x.w.WriteByte('"')
}

func (x *xmlWriter) intAttr(name string, v int) {
	x.num = strconv.AppendInt(x.num[:0], int64(v), 10)
	x.w.WriteByte(' ')
	x.w.WriteString(name)
	x.w.WriteString(`="`)
	x.w.Write(x.num)
	x.w.WriteByte('"')
}

// problem writes a failure or error of a test case, its body as CDATA.
func (x *xmlWriter) problem(name, message, typ string, body []byte) {
	x.start(3, name)
	x.attr("message", message)
	x.attr("type", typ)
	x.w.WriteByte('>')
	if len(body) > 0 {
		x.w.WriteString("<![CDATA[")
		for {
			before, after, ok := bytes.Cut(body, []byte("]]>"))
			if !ok {
				break
			}
			x.w.Write(before)
			x.w.WriteString("]]]]><![CDATA[>")
			body = after
		}
		x.w.Write(body)
		x.w.WriteString("]]>")
	}
	x.end(3, name, false)
}

// escapeXML writes s escaped as encoding/xml escapes attribute values:
// the five markup characters, tab and line breaks as references, and
// what XML cannot hold (invalid UTF-8, control characters) as U+FFFD.
func escapeXML(w *bufio.Writer, s string) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, width := utf8.DecodeRuneInString(s[i:])
			i += width
			if r == utf8.RuneError && width == 1 || !xmlChar(r) {
				w.WriteString(s[last : i-width])
				w.WriteString("\uFFFD")
				last = i
			}
			continue
		}
		i++
		var esc string
		switch c {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			esc = "&#xA;"
		case '\r':
			esc = "&#xD;"
		default:
			if c >= 0x20 {
				continue
			}
			esc = "\uFFFD"
		}
		w.WriteString(s[last : i-1])
		w.WriteString(esc)
		last = i
	}
	w.WriteString(s[last:])
}

// xmlChar reports whether r is in XML's Char production, as encoding/xml
// checks it.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
