package report

import (
	"errors"
	"io"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/diag"
)

// JSON writes the report as one JSON document. Its shape is a contract
// documented in docs/json-report.md and docs/report.schema.json: fields
// are only ever added.
type JSON struct{}

type jsonReport struct {
	Tool     jsonTool      `json:"tool"`
	ATTACK   jsonATTACK    `json:"attack"`
	Files    []string      `json:"files"`
	Rules    int           `json:"rules"`
	Findings []jsonFinding `json:"findings"`
	// Suppressed are findings a `# falcomitre:ignore` comment
	// suppressed, each with its suppression, for SARIF-like consumers.
	Suppressed []jsonSuppressed `json:"suppressed"`
	Errors     []jsonError      `json:"errors"`
}

type jsonSuppressed struct {
	jsonFinding
	Suppression jsonSuppression `json:"suppression"`
}

// jsonSuppression is SARIF's suppression object in our own shape: kind
// inSource, the justification, and where the comment is.
type jsonSuppression struct {
	Kind          string   `json:"kind"`
	Justification string   `json:"justification"`
	Codes         []string `json:"codes"`
	File          string   `json:"file"`
	Line          int      `json:"line"`
	Column        int      `json:"column"`
	// Scope is "rule" for a comment on (or above) a rule's first line,
	// which covers the rule's findings in every file, and "line" for one
	// on a line of tags, which covers that line's findings.
	Scope string `json:"scope"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonATTACK struct {
	Domain  string `json:"domain"`
	Version string `json:"version"`
	Source  string `json:"source"`
}

type jsonFinding struct {
	Code        string         `json:"code"`
	Severity    string         `json:"severity"`
	File        string         `json:"file"`
	Line        int            `json:"line"`
	Column      int            `json:"column"`
	EndLine     int            `json:"end_line"`
	EndColumn   int            `json:"end_column"`
	Rule        string         `json:"rule"`
	Tag         string         `json:"tag"`
	Message     string         `json:"message"`
	Detail      string         `json:"detail,omitempty"`
	Suggestions []string       `json:"suggestions"`
	Technique   *jsonTechnique `json:"technique,omitempty"`
	Fixes       []jsonFix      `json:"fixes"`
	Unfixable   string         `json:"unfixable,omitempty"`
}

// jsonFix is a fix as byte edits, so that editors and bots can apply it
// without falcomitre: replace length bytes at offset of file with text.
type jsonFix struct {
	Title  string      `json:"title"`
	Unsafe bool        `json:"unsafe"`
	Edits  []diag.Edit `json:"edits"`
}

type jsonTechnique struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Tactics []string `json:"tactics"`
	URL     string   `json:"url"`
}

type jsonError struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

// Write implements Writer.
func (JSON) Write(w io.Writer, r *check.Report) error {
	out := jsonReport{
		Tool:     jsonTool{r.Tool.Name, r.Tool.Version},
		ATTACK:   jsonATTACK{r.ATTACK.Domain, r.ATTACK.Version, r.ATTACK.Source},
		Files:    nonNil(r.Files),
		Rules:    r.Rules,
		Findings: make([]jsonFinding, 0, len(r.Findings)), // sized once: 100k rules have 120k
		Errors:   []jsonError{},
	}
	for _, f := range r.Findings {
		out.Findings = append(out.Findings, findingJSON(f))
	}
	out.Suppressed = make([]jsonSuppressed, 0, len(r.Suppressed))
	for _, s := range r.Suppressed {
		scope := "line"
		if s.By.Line == 0 {
			scope = "rule"
		}
		out.Suppressed = append(out.Suppressed, jsonSuppressed{
			jsonFinding: findingJSON(s.Finding),
			Suppression: jsonSuppression{
				Kind:          "inSource",
				Justification: s.By.Reason,
				Codes:         nonNil(s.By.Codes),
				File:          s.By.Range.File,
				Line:          s.By.Range.Start.Line,
				Column:        s.By.Range.Start.Column,
				Scope:         scope,
			},
		})
	}
	for _, err := range r.Errors {
		je := jsonError{Message: err.Error()}
		var ie *diag.InputError
		if errors.As(err, &ie) {
			je = jsonError{File: ie.Range.File, Line: ie.Range.Start.Line, Column: ie.Range.Start.Column, Message: ie.Msg}
		}
		out.Errors = append(out.Errors, je)
	}
	return writeJSONDoc(w, out)
}

// findingJSON is one finding as the report writes it.
func findingJSON(f check.Finding) jsonFinding {
	jf := jsonFinding{
		Code:        f.Code,
		Severity:    f.Severity.String(),
		File:        f.Range.File,
		Line:        f.Range.Start.Line,
		Column:      f.Range.Start.Column,
		EndLine:     f.Range.End.Line,
		EndColumn:   f.Range.End.Column,
		Rule:        f.Rule,
		Tag:         f.Tag,
		Message:     f.Message,
		Detail:      f.Detail,
		Suggestions: nonNil(f.Suggestions),
		Unfixable:   f.Unfixable,
		Fixes:       []jsonFix{},
	}
	if t := f.Technique; t != nil {
		jf.Technique = &jsonTechnique{t.ID, t.Name, nonNil(t.Tactics), t.URL}
	}
	for _, fx := range f.Fixes {
		jf.Fixes = append(jf.Fixes, jsonFix{fx.Title, fx.Unsafe, fx.Edits})
	}
	return jf
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
