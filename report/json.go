package report

import (
	"encoding/json"
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
	Errors   []jsonError   `json:"errors"`
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
		Findings: []jsonFinding{},
		Errors:   []jsonError{},
	}
	for _, f := range r.Findings {
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
		}
		if t := f.Technique; t != nil {
			jf.Technique = &jsonTechnique{t.ID, t.Name, nonNil(t.Tactics), t.URL}
		}
		jf.Fixes = []jsonFix{}
		for _, fx := range f.Fixes {
			jf.Fixes = append(jf.Fixes, jsonFix{fx.Title, fx.Unsafe, fx.Edits})
		}

		out.Findings = append(out.Findings, jf)
	}
	for _, err := range r.Errors {
		je := jsonError{Message: err.Error()}
		var ie *diag.InputError
		if errors.As(err, &ie) {
			je = jsonError{File: ie.Range.File, Line: ie.Range.Start.Line, Column: ie.Range.Start.Column, Message: ie.Msg}
		}
		out.Errors = append(out.Errors, je)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
