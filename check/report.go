package check

import (
	"github.com/falcomitre/falcomitre/internal/par"

	"cmp"
	"runtime"
	"slices"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/evidence"
	"github.com/falcomitre/falcomitre/rules"
)

// Report is the result of checking a rule set: the typed model every
// writer (text, JSON, SARIF…) renders.
type Report struct {
	Tool   Tool
	ATTACK Dataset
	// Files are the files checked, as given, in load order.
	Files []string
	// Rules is the number of rules in force after loading.
	Rules int
	// RuleRefs name those rules, in Falco's order, with where each is
	// defined: what a JUnit report makes one test case of.
	RuleRefs []RuleRef
	// Findings are sorted by file, line, column and code.
	Findings []Finding
	// Suppressed are the findings that `# falcomitre:ignore` comments
	// took out of Findings, each with the comment, sorted as Findings
	// are: kept so that a writer can show them as suppressed (SARIF's
	// suppressions of kind inSource).
	Suppressed []Suppressed
	// Errors are inputs that could not be checked (file:line:col: what).
	Errors []error
}

// Tool names the program that made the report.
type Tool struct {
	Name    string
	Version string
}

// Dataset says which ATT&CK data the tags were checked against.
type Dataset struct {
	Domain  string
	Version string
	Source  string
}

// Finding is one problem with one tag (or tag set) of one rule.
type Finding struct {
	diag.Diagnostic
	Rule string // the rule's name
	Tag  string // the tag as written, "" for findings about a tag set
	// Technique holds the ATT&CK facts of the technique the finding is
	// about, nil when it is about none.
	Technique *Technique
}

// Technique is what a finding tells about an ATT&CK technique.
type Technique struct {
	ID      string
	Name    string
	Tactics []string // tactic shortnames, in the data's order
	URL     string
}

func techniqueFacts(t *attack.Technique) *Technique {
	return &Technique{ID: t.ID, Name: t.Name, Tactics: t.Tactics, URL: t.URL()}
}

// Run checks every rule of set against cat. Load errors of the set's files
// are carried into the report, so that what could be checked still is.
// Findings that a `# falcomitre:ignore` comment suppresses move to
// Report.Suppressed.
func Run(set *rules.Set, cat *attack.Catalog, opt Options) *Report {
	checks := opt.checks()
	r := &Report{
		ATTACK: Dataset{Domain: cat.Domain, Version: cat.Version, Source: cat.Source},
		Rules:  len(set.Rules),
		Errors: set.Errs(),
	}
	for _, f := range set.Files {
		r.Files = append(r.Files, f.Path)
	}
	names := namesFor(cat)
	var matcher *evidence.Matcher
	if opt.runs(weakEvidence.Code) || opt.runs(platformMismatch.Code) {
		matcher = evidence.NewMatcher(cat)
	}
	// Rules are checked independently, on every core; the findings are
	// gathered in rule order and sorted below, so the report does not
	// depend on scheduling.
	const size = 256
	if len(set.Rules) > 0 {
		r.RuleRefs = make([]RuleRef, len(set.Rules))
	}
	caches := make([]*cache, runtime.GOMAXPROCS(0))
	g := newGather(len(set.Rules), size)
	scratch := make([][]Finding, len(caches))
	par.Ranges(len(set.Rules), size, func(w, lo, hi int) {
		if caches[w] == nil {
			caches[w] = newCache()
		}
		findings := scratch[w]
		p := new(Pass) // one for the range: nothing keeps a rule's
		for i := lo; i < hi; i++ {
			rule := set.Rules[i]
			r.RuleRefs[i] = refOf(rule)
			*p = Pass{Catalog: cat, Rule: rule, names: names, opt: &opt, evidence: matcher, cache: caches[w], findings: findings}
			p.readTags()
			for _, c := range checks {
				p.check = c
				c.Run(p)
			}
			findings = p.findings
		}
		scratch[w] = g.put(lo/size, findings)
	})
	r.Findings = g.findings()
	r.suppress(set, checks)
	SortFindings(r.Findings)
	return r
}

// SortFindings orders findings by file, line, column, code and message, the
// one order every writer shows.
func SortFindings(fs []Finding) {
	slices.SortStableFunc(fs, compareFindings)
}

func compareFindings(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.Range.File, b.Range.File),
		cmp.Compare(a.Range.Start.Line, b.Range.Start.Line),
		cmp.Compare(a.Range.Start.Column, b.Range.Start.Column),
		cmp.Compare(a.Code, b.Code),
		cmp.Compare(a.Message, b.Message),
	)
}

// Count returns how many findings are at or above sev.
func (r *Report) Count(sev diag.Severity) int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity >= sev {
			n++
		}
	}
	return n
}
