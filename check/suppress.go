package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/rules"
)

// Suppressed is a finding that a `# falcomitre:ignore` comment took out
// of the report's findings.
type Suppressed struct {
	Finding
	// By is the comment that suppressed it (the first, when several do).
	By Suppression
}

// suppress moves the findings that the set's suppression comments cover
// to r.Suppressed, takes from the others every fix that would change a
// suppressed finding's tag, and reports the comments that are malformed
// or suppress nothing. checks are the checks that ran: a comment naming
// one that did not (disabled, say) is not reported as unused, since
// nothing can be known of its findings.
func (r *Report) suppress(set *rules.Set, checks []*Check) {
	var sups []Suppression
	read := map[string]bool{}
	for _, f := range set.Files {
		if !read[f.Path] { // a file loaded twice has its comments once
			read[f.Path] = true
			sups = append(sups, Suppressions(f)...)
		}
	}
	if len(sups) == 0 {
		return
	}
	used := make([]map[string]bool, len(sups))
	for i := range used {
		used[i] = map[string]bool{}
	}
	kept := r.Findings[:0] // filtered in place: it never passes the reading
	for _, f := range r.Findings {
		by := -1
		for i := range sups {
			if sups[i].covers(&f) {
				used[i][f.Code] = true
				if by < 0 {
					by = i
				}
			}
		}
		if by < 0 {
			kept = append(kept, f)
			continue
		}
		r.Suppressed = append(r.Suppressed, Suppressed{Finding: f, By: sups[by]})
	}
	r.Findings = kept
	protect(r.Findings, r.Suppressed)
	ran := map[string]*Check{}
	for _, c := range checks {
		ran[c.Code] = c
	}
	for i, s := range sups {
		r.Findings = append(r.Findings, judge(s, used[i], ran)...)
	}
	slices.SortStableFunc(r.Suppressed, func(a, b Suppressed) int { return compareFindings(a.Finding, b.Finding) })
}

// protect takes from findings every fix with an edit over the bytes of a
// suppressed finding: the author said to leave that tag as it is.
func protect(findings []Finding, suppressed []Suppressed) {
	for i := range findings {
		f := &findings[i]
		var keep []diag.Fix
		var hit *Suppressed
		for _, fx := range f.Fixes {
			if s := touches(fx, suppressed); s != nil {
				hit = s
				continue
			}
			keep = append(keep, fx)
		}
		if hit != nil {
			f.Fixes = keep
			if len(keep) == 0 {
				f.Unfixable = fmt.Sprintf("its fix would change %q at %s, whose %s finding is suppressed", hit.Tag, hit.Range, hit.Code)
			}
		}
	}
}

// touches returns the suppressed finding whose bytes an edit of fx
// changes, nil when none. An insertion at either end of a tag leaves it
// alone.
func touches(fx diag.Fix, suppressed []Suppressed) *Suppressed {
	for _, e := range fx.Edits {
		for i := range suppressed {
			r := suppressed[i].Range
			if e.File != r.File {
				continue
			}
			start, end := r.Start.Offset, r.End.Offset
			if e.Length > 0 && e.Offset < end && e.End() > start || e.Length == 0 && e.Offset > start && e.Offset < end {
				return &suppressed[i]
			}
		}
	}
	return nil
}

// judge returns the findings about one suppression comment: what is wrong
// with how it is written (bad-suppression) and the codes it names that
// suppressed nothing (unused-suppression).
func judge(s Suppression, used map[string]bool, ran map[string]*Check) []Finding {
	var out []Finding
	add := func(c *Check, r diag.Range, msg string, suggestions ...string) {
		if ran[c.Code] == nil {
			return // disabled
		}
		out = append(out, Finding{
			Diagnostic: diag.Diagnostic{Code: c.Code, Severity: ran[c.Code].Severity, Message: msg, Range: r, Suggestions: suggestions},
			Rule:       s.Rule,
		})
	}
	if len(s.Codes) == 0 {
		add(badSuppression, s.Range, "falcomitre:ignore names no check code: write # falcomitre:ignore CODE[,CODE] reason")
		return out
	}
	if s.Reason == "" {
		add(badSuppression, s.Range, "falcomitre:ignore gives no reason: say after the codes why the finding does not apply")
	}
	for i, code := range s.Codes {
		switch c := Lookup(code); {
		case c == nil:
			add(badSuppression, s.codeRanges[i], fmt.Sprintf("unknown check code %q in falcomitre:ignore", code), SimilarCodes(code)...)
		case c == badSuppression || c == unusedSuppression:
			add(badSuppression, s.codeRanges[i], fmt.Sprintf("%s cannot be suppressed by a comment; disable it in the configuration instead", code))
		case s.misplaced:
			if i == 0 {
				add(unusedSuppression, s.Range, "falcomitre:ignore suppresses nothing here: put it after a tag, on the line of a rule's first key, or on the line just above it")
			}
		case ran[code] != nil && !used[code]:
			add(unusedSuppression, s.codeRanges[i], unusedMessage(s, code))
		}
	}
	return out
}

func unusedMessage(s Suppression, code string) string {
	if s.Line == 0 {
		return fmt.Sprintf("falcomitre:ignore %s suppresses nothing: rule %q has no %s finding", code, s.Rule, code)
	}
	return fmt.Sprintf("falcomitre:ignore %s suppresses nothing: there is no %s finding on this line", code, code)
}

// SimilarCodes returns the check codes nearest to a misspelt one, for a
// "did you mean"; none when no code is close.
func SimilarCodes(code string) []string {
	best, bestD := []string(nil), 4
	for _, c := range all {
		d := distance(strings.ToLower(code), c.Code)
		switch {
		case d < bestD:
			best, bestD = []string{c.Code}, d
		case d == bestD:
			best = append(best, c.Code)
		}
	}
	return best
}
