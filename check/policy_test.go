package check_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/fix"
	"github.com/falcomitre/falcomitre/rules"
)

// TestTacticPolicyAll checks incomplete-tactics-all/rules.yaml under
// tactic-policy all (findings.golden) and fixes it as falcomitre fix
// would (fixed.golden): the missing tactic tags are added, in the file's
// style, and a second run finds nothing to add.
func TestTacticPolicyAll(t *testing.T) {
	cat := embedded(t)
	dir := filepath.Join("testdata", "incomplete-tactics-all")
	set, err := rules.Load(filepath.Join(dir, "rules.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	opt := check.Options{TacticPolicy: check.TacticsAll}
	rep := check.Run(set, cat, opt)
	golden(t, filepath.Join(dir, "findings.golden"), render(rep, ""))
	for _, f := range rep.Findings {
		if f.Code == "incomplete-tactics" && f.Severity != diag.Error {
			t.Errorf("%s: incomplete-tactics is %s under policy all, want error", f.Range, f.Severity)
		}
		for _, fx := range f.Fixes {
			if fx.Unsafe && (f.Code == "missing-tactic" || f.Code == "tactic-mismatch" || f.Code == "incomplete-tactics") {
				t.Errorf("%s: %s fix %q is unsafe under policy all", f.Range, f.Code, fx.Title)
			}
		}
	}

	find := func(s *rules.Set) []diag.Fix { return check.Run(s, cat, opt).Fixes(check.FixPolicy{}) }
	res := fix.Run(set.Files, find, fix.Options{})
	if res.Files[0].Err != nil {
		t.Fatal(res.Files[0].Err)
	}
	golden(t, filepath.Join(dir, "fixed.golden"), string(res.Files[0].After))
	left := check.Run(res.Set, cat, opt)
	for _, f := range left.Findings {
		switch f.Code {
		case "incomplete-tactics", "missing-tactic", "tactic-mismatch":
			t.Errorf("left after fixing: %s %s", f.Range, f.Message)
		}
	}
	again := fix.Run(res.Set.Files, find, fix.Options{})
	if again.Files[0].Changed() {
		t.Errorf("a second fix run changes the file again")
	}
}

// TestTacticPolicyOne: under the default policy incomplete-tactics stays
// a note without a fix, and a technique with several tactics gets an
// unsafe fix that picks one.
func TestTacticPolicyOne(t *testing.T) {
	set, err := rules.Load(filepath.Join("testdata", "incomplete-tactics-all", "rules.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range check.Run(set, embedded(t), check.Options{}).Findings {
		switch {
		case f.Code == "incomplete-tactics" && (f.Severity != diag.Note || len(f.Fixes) > 0):
			t.Errorf("%s: incomplete-tactics is %s with %d fixes, want a note without", f.Range, f.Severity, len(f.Fixes))
		case f.Code == "missing-tactic" && (len(f.Fixes) != 1 || !f.Fixes[0].Unsafe):
			t.Errorf("%s: missing-tactic fixes %+v, want one unsafe", f.Range, f.Fixes)
		}
	}
}

// TestSeverityOverride: an override wins over the policy's severity, and a
// disabled check reports nothing.
func TestSeverityOverride(t *testing.T) {
	set, err := rules.Load(filepath.Join("testdata", "incomplete-tactics-all", "rules.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	rep := check.Run(set, embedded(t), check.Options{
		TacticPolicy: check.TacticsAll,
		Severity:     map[string]diag.Severity{"incomplete-tactics": diag.Warning},
		Disable:      []string{"unsupported-tactic"},
	})
	seen := map[string]bool{}
	for _, f := range rep.Findings {
		seen[f.Code] = true
		if f.Code == "incomplete-tactics" && f.Severity != diag.Warning {
			t.Errorf("%s: %s, want the override's warning", f.Range, f.Severity)
		}
	}
	if !seen["incomplete-tactics"] || seen["unsupported-tactic"] {
		t.Errorf("codes reported: %v", seen)
	}
}

// TestNotATTACKPrefixes: tags with a configured prefix are invisible to
// every check, whatever their case.
func TestNotATTACKPrefixes(t *testing.T) {
	src := `- rule: R
  desc: d
  condition: evt.type = execve
  output: o
  priority: INFO
  tags: [mitre_execution, T1059.004, mitre_internal_review, MITRE_Internal_review, TA_team]
`
	set := rules.Resolve([]*rules.File{rules.Parse("r.yaml", []byte(src))})
	before := render(check.Run(set, embedded(t), check.Options{}), "")
	if !strings.Contains(before, "mitre_internal_review") {
		t.Fatalf("the test wants findings about the prefixed tags:\n%s", before)
	}
	after := render(check.Run(set, embedded(t), check.Options{NotATTACKPrefixes: []string{"mitre_internal_", "TA_"}}), "")
	if after != "" {
		t.Errorf("findings about tags that are never ATT&CK:\n%s", after)
	}
}

// TestSuppressions: suppressed findings leave Findings for Suppressed
// with their comment, and no fix touches a suppressed tag.
func TestSuppressions(t *testing.T) {
	dir := filepath.Join("testdata", "suppressions")
	set, err := rules.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	rep := check.Run(set, embedded(t), check.Options{})
	var b strings.Builder
	b.WriteString(render(rep, ""))
	for _, s := range rep.Suppressed {
		fmt.Fprintf(&b, "suppressed: %s:%d:%d: %s [%s] rule=%q\n\tby %s:%d:%d codes=%v line=%d reason=%q\n",
			filepath.Base(s.Range.File), s.Range.Start.Line, s.Range.Start.Column, s.Message, s.Code, s.Rule,
			filepath.Base(s.By.Range.File), s.By.Range.Start.Line, s.By.Range.Start.Column, s.By.Codes, s.By.Line, s.By.Reason)
	}
	golden(t, filepath.Join(dir, "report.golden"), b.String())
	if len(rep.Suppressed) == 0 {
		t.Fatal("nothing suppressed")
	}
	for _, s := range rep.Suppressed {
		for _, fx := range rep.Fixes(check.FixPolicy{Unsafe: true, Remove: true}) {
			for _, e := range fx.Edits {
				if e.File == s.Range.File && e.Offset < s.Range.End.Offset && e.End() > s.Range.Start.Offset {
					t.Errorf("fix %q changes the suppressed tag %q", fx.Title, s.Tag)
				}
			}
		}
	}

	// The good cases of the suppression checks suppress without a word.
	for _, code := range []string{"bad-suppression", "unused-suppression"} {
		set, err := rules.Load(filepath.Join("testdata", code, "good.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		rep := check.Run(set, embedded(t), check.Options{})
		for _, f := range rep.Findings {
			if f.Code == "bad-suppression" || f.Code == "unused-suppression" {
				t.Errorf("%s: %s [%s]", f.Range, f.Message, f.Code)
			}
		}
		if len(rep.Suppressed) == 0 {
			t.Errorf("%s/good.yaml: nothing suppressed", code)
		}
	}
}

// TestSuppressionOfDisabledCheck: a comment naming a check that did not
// run is not reported as unused.
func TestSuppressionOfDisabledCheck(t *testing.T) {
	set, err := rules.Load(filepath.Join("testdata", "unused-suppression", "bad.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	rep := check.Run(set, embedded(t), check.Options{Disable: []string{"revoked-technique", "tactic-mismatch", "unused-suppression"}})
	for _, f := range rep.Findings {
		if f.Code == "unused-suppression" {
			t.Errorf("%s: %s", f.Range, f.Message)
		}
	}
	rep = check.Run(set, embedded(t), check.Options{Disable: []string{"revoked-technique", "tactic-mismatch"}})
	n := 0
	for _, f := range rep.Findings {
		if f.Code == "unused-suppression" {
			n++
		}
	}
	if n != 1 { // the misplaced comment only
		t.Errorf("%d unused-suppression findings, want 1", n)
	}
}
