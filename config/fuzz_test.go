package config_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/config"
	"github.com/falcomitre/falcomitre/diag"
)

// FuzzParse feeds arbitrary bytes to Parse: nothing may panic, every
// error is a file:line:col InputError inside the input, and what loads is
// a valid configuration. Seeds: testdata/fuzz/FuzzParse, the template and
// every table case.
func FuzzParse(f *testing.F) {
	f.Add([]byte(config.Template))
	for _, c := range errorCases {
		f.Add([]byte(c.src))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		c, err := config.Parse("c.yaml", src)
		if err != nil {
			lines := bytes.Count(src, []byte("\n")) + bytes.Count(src, []byte("\r")) + 2
			for _, e := range unjoin(err) {
				var ie *diag.InputError
				if !errors.As(e, &ie) {
					t.Fatalf("%T is not an InputError: %v", e, e)
				}
				if ie.Range.File != "c.yaml" || ie.Range.Start.Line < 1 || ie.Range.Start.Line > lines || ie.Range.Start.Column < 1 {
					t.Fatalf("error outside the input (%d lines): %v", lines, ie)
				}
			}
			return
		}
		if c.TacticPolicy != check.TacticsOne && c.TacticPolicy != check.TacticsAll {
			t.Fatalf("tactic policy %q", c.TacticPolicy)
		}
		if c.FailOn < 0 || c.FailOn > diag.Error {
			t.Fatalf("fail-on %v", c.FailOn)
		}
		for _, code := range c.Disable {
			if check.Lookup(code) == nil {
				t.Fatalf("disable holds unknown code %q", code)
			}
		}
		for code, sev := range c.Severity {
			if check.Lookup(code) == nil || sev < diag.Note || sev > diag.Error {
				t.Fatalf("severity %q: %v", code, sev)
			}
		}
		for _, p := range c.NotATTACKPrefixes {
			if p == "" {
				t.Fatal("an empty prefix")
			}
		}
		for _, p := range c.Exclude {
			c.Excluded(p) // must not panic on its own patterns
		}
	})
}

// unjoin returns the errors errors.Join put together.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
