// Package diag holds the one diagnostic type every part of falcomitre speaks:
// positions in source files, severities, findings and the edits that fix them.
// It imports nothing of ours, so every other package can depend on it.
package diag

import (
	"fmt"
	"strings"
)

// Pos is a point in a source file. Line and Column count from 1; Column
// counts Unicode code points, not bytes, as editors and SARIF's default
// "unicodeCodePoints" column kind do. Offset is the 0-based byte offset,
// which the fix patcher needs and YAML nodes do not carry.
type Pos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
	Offset int `json:"offset"`
}

// IsValid reports whether p was set.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Range is a span of one file, End exclusive.
type Range struct {
	File  string `json:"file"`
	Start Pos    `json:"start"`
	End   Pos    `json:"end"`
}

// String formats r as file:line:col, the form editors and CI understand.
func (r Range) String() string {
	if !r.Start.IsValid() {
		return r.File
	}
	return fmt.Sprintf("%s:%d:%d", r.File, r.Start.Line, r.Start.Column)
}

// Severity orders findings; the zero value is not a severity.
type Severity int

// Severities from least to most serious, so that comparisons read naturally
// (sev >= Warning).
const (
	Note Severity = iota + 1
	Warning
	Error
)

var severityNames = [...]string{Note: "note", Warning: "warning", Error: "error"}

// String returns the lower-case name used in every output format.
func (s Severity) String() string {
	if s < Note || s > Error {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity reads a severity name as the CLI and configuration spell it.
func ParseSeverity(s string) (Severity, error) {
	for sev := Note; sev <= Error; sev++ {
		if strings.EqualFold(s, severityNames[sev]) {
			return sev, nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want note, warning or error)", s)
}

// MarshalText makes severities appear by name in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity written by MarshalText.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// InputError is an input problem that stopped loading: a file that cannot be
// read, is not YAML, or is not what Falco accepts. Its text is
// "file:line:col: message", the form of every message falcomitre prints
// about bad input.
type InputError struct {
	Range Range
	Msg   string
	Err   error // the cause, when there is one
}

func (e *InputError) Error() string {
	if e.Range.File == "" {
		return e.Msg
	}
	return e.Range.String() + ": " + e.Msg
}

// Unwrap returns the cause.
func (e *InputError) Unwrap() error { return e.Err }

// Errorf builds an InputError at r.
func Errorf(r Range, format string, args ...any) *InputError {
	return &InputError{Range: r, Msg: fmt.Sprintf(format, args...)}
}
