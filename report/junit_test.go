package report_test

import (
	"bytes"
	"encoding/xml"
	"testing"

	"github.com/falcomitre/falcomitre/report"
)

// TestJUnitShape reads the XML back: one test case per rule, one failure
// per finding, and counts that add up.
func TestJUnitShape(t *testing.T) {
	rep := exampleReport(t)
	var buf bytes.Buffer
	if err := (report.JUnit{}).Write(&buf, rep); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Suites   []struct {
			Name     string `xml:"name,attr"`
			Tests    int    `xml:"tests,attr"`
			Failures int    `xml:"failures,attr"`
			Cases    []struct {
				Name     string `xml:"name,attr"`
				Failures []struct {
					Type string `xml:"type,attr"`
					Text string `xml:",chardata"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	cases, failures, failing := map[string]int{}, 0, 0
	for _, s := range doc.Suites {
		if s.Tests != len(s.Cases) {
			t.Errorf("suite %s: tests=%d for %d cases", s.Name, s.Tests, len(s.Cases))
		}
		for _, c := range s.Cases {
			cases[c.Name]++
			failures += len(c.Failures)
			if len(c.Failures) > 0 {
				failing++
			}
			for _, f := range c.Failures {
				if f.Type == "" || f.Text == "" {
					t.Errorf("case %s: failure without type or text", c.Name)
				}
			}
		}
	}
	for _, ref := range rep.RuleRefs {
		if cases[ref.Name] != 1 {
			t.Errorf("rule %q has %d test cases, want 1", ref.Name, cases[ref.Name])
		}
	}
	if len(cases) != len(rep.RuleRefs) || doc.Tests != len(rep.RuleRefs) {
		t.Errorf("%d cases (tests=%d) for %d rules", len(cases), doc.Tests, len(rep.RuleRefs))
	}
	if failures != len(rep.Findings) || doc.Failures != failing {
		t.Errorf("%d failures for %d findings; failures=%d for %d failing cases", failures, len(rep.Findings), doc.Failures, failing)
	}
}
