package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/condition"
	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/evidence"
	"github.com/falcomitre/falcomitre/fix"
	"github.com/falcomitre/falcomitre/report"
	"github.com/falcomitre/falcomitre/rules"
)

// example is what a check's testdata shows, worked out by running
// falcomitre on it, so that a page cannot say what the program does not.
type example struct {
	bad, good []byte
	output    string // the text report of bad.yaml, this check's findings only
	// diff is what falcomitre fix does to bad.yaml with flags, "" when
	// the check has no fix for it.
	diff  string
	flags []string
	// suppressed is bad.yaml with a comment that suppresses its first
	// finding, shown as the lines around the comment; "" when no comment
	// can.
	suppressed string
}

// scratch holds the copies of bad.yaml the examples load: each is named
// bad.yaml, as the pages show it.
type scratch struct{ dir string }

func (s scratch) load(src []byte) (*rules.Set, error) {
	path := filepath.Join(s.dir, "bad.yaml")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		return nil, err
	}
	return rules.Load(path)
}

func exampleOf(cat *attack.Catalog, tmp scratch, testdata, code string) (*example, error) {
	dir := filepath.Join(testdata, code)
	ex := &example{}
	var err error
	if ex.bad, err = os.ReadFile(filepath.Join(dir, "bad.yaml")); err != nil {
		return nil, err
	}
	if ex.good, err = os.ReadFile(filepath.Join(dir, "good.yaml")); err != nil {
		return nil, err
	}
	set, err := tmp.load(ex.bad)
	if err != nil {
		return nil, err
	}
	opt := check.Options{Observations: evidence.Observations(condition.Analyze(set))}
	rep := check.Run(set, cat, opt)
	var mine []check.Finding
	for _, f := range rep.Findings {
		if f.Code == code {
			f.Range.File = "bad.yaml"
			mine = append(mine, f)
		}
	}
	if len(mine) == 0 {
		return nil, fmt.Errorf("%s/bad.yaml gives no %s finding", dir, code)
	}
	ex.output = textOf(mine)
	if err := ex.fixOf(set, cat, code); err != nil {
		return nil, err
	}
	if ex.suppressed, err = suppressedOf(cat, opt, tmp, ex.bad, code, rep, mine[0]); err != nil {
		return nil, err
	}
	return ex, nil
}

// textOf renders findings as the text report does, less its summary line,
// which would count only this check's findings.
func textOf(fs []check.Finding) string {
	var buf bytes.Buffer
	(&report.Text{}).Write(&buf, &check.Report{Findings: fs})
	out := strings.TrimRight(buf.String(), "\n")
	if i := strings.LastIndex(out, "\n"); i >= 0 {
		out = out[:i]
	}
	return strings.TrimRight(out, "\n") + "\n"
}

// fixOf works out the fix of the check on bad.yaml, with the least flags
// that apply all of it.
func (ex *example) fixOf(set *rules.Set, cat *attack.Catalog, code string) error {
	if !slices.Contains(check.FixableCodes(), code) {
		return nil
	}
	all := check.FixPolicy{Codes: []string{code}, Unsafe: true, Remove: true}
	rep := check.Run(set, cat, check.Options{})
	n := len(rep.Fixes(all))
	if n == 0 {
		return nil
	}
	if len(rep.Fixes(check.FixPolicy{Codes: all.Codes, Remove: true})) < n {
		ex.flags = append(ex.flags, "--unsafe-fixes")
	}
	if len(rep.Fixes(check.FixPolicy{Codes: all.Codes, Unsafe: true})) < n {
		ex.flags = append(ex.flags, "--fix-remove")
	}
	find := func(s *rules.Set) []diag.Fix { return check.Run(s, cat, check.Options{}).Fixes(all) }
	res := fix.Run(set.Files, find, fix.Options{})
	for _, f := range res.Files {
		if f.Err != nil {
			return f.Err
		}
		if f.Changed() {
			var b strings.Builder
			if err := f.WriteDiff(&b, "bad.yaml", "bad.yaml"); err != nil {
				return err
			}
			ex.diff += b.String()
		}
	}
	return nil
}

// suppressedOf writes a suppression comment for the first finding, at the
// end of its line or, failing that, above its rule, and keeps the first
// that falcomitre reads as suppressing it.
func suppressedOf(cat *attack.Catalog, opt check.Options, tmp scratch, bad []byte, code string, rep *check.Report, f check.Finding) (string, error) {
	lines := strings.SplitAfter(string(bad), "\n")
	comment := "# falcomitre:ignore " + code + " why this does not apply to this rule"
	var tries [][]string
	if l := f.Range.Start.Line; l > 0 && l <= len(lines) {
		try := slices.Clone(lines)
		try[l-1] = strings.TrimRight(try[l-1], "\n") + "  " + comment + "\n"
		tries = append(tries, try)
	}
	for _, ref := range rep.RuleRefs {
		if l := ref.Range.Start.Line; ref.Name == f.Rule && l > 0 && l <= len(lines) {
			try := slices.Clone(lines[:l-1])
			try = append(try, comment+"\n")
			tries = append(tries, append(try, lines[l-1:]...))
		}
	}
	for _, try := range tries {
		src := []byte(strings.Join(try, ""))
		set, err := tmp.load(src)
		if err != nil {
			return "", err
		}
		got := check.Run(set, cat, opt)
		if suppresses(got, f) {
			return around(try, comment), nil
		}
	}
	return "", nil
}

// suppresses reports whether rep suppressed f and says nothing against
// the comment that did.
func suppresses(rep *check.Report, f check.Finding) bool {
	for _, g := range rep.Findings {
		if g.Code == "bad-suppression" || g.Code == "unused-suppression" {
			return false
		}
	}
	for _, s := range rep.Suppressed {
		if s.Code == f.Code && s.Rule == f.Rule && s.Message == f.Message {
			return true
		}
	}
	return false
}

// around returns the lines of the rule item that holds the comment, the
// comment above it included.
func around(lines []string, comment string) string {
	at := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, comment) })
	start, item := at, at
	if strings.HasPrefix(strings.TrimSpace(lines[at]), "#") {
		item = at + 1 // a whole-line comment above the item
	} else {
		for start > 0 && !strings.HasPrefix(lines[start], "- ") {
			start--
		}
		item = start
	}
	end := item + 1
	for end < len(lines) && !strings.HasPrefix(lines[end], "- ") && strings.TrimSpace(lines[end]) != "" {
		end++
	}
	return strings.Join(lines[start:end], "")
}
