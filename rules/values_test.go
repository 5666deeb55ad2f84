package rules

import (
	"errors"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/diag"
)

func TestParseBool(t *testing.T) {
	for s, want := range map[string]bool{"y": true, "Y": true, "yes": true, "Yes": true, "YES": true,
		"true": true, "True": true, "TRUE": true, "on": true, "ON": true, "On": true,
		"n": false, "N": false, "no": false, "NO": false, "false": false, "False": false, "off": false, "OFF": false} {
		if got, ok := parseBool(s); !ok || got != want {
			t.Errorf("parseBool(%q) = %v, %v; want %v, true", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "tRue", "yEs", "1", "0", "enabled", "truE", "oN"} {
		if _, ok := parseBool(s); ok {
			t.Errorf("parseBool(%q) accepted", s)
		}
	}
}

func TestVersions(t *testing.T) {
	for s, want := range map[string]bool{"0.31.0": true, "1.2.3-rc1": true, " 1. 2. 3": true, "+1.2.3": true,
		"0.26": false, "1": false, "a.b.c": false, "1..2": false, "": false} {
		if got := validVersion(s); got != want {
			t.Errorf("validVersion(%q) = %v, want %v", s, got, want)
		}
	}
	for s, want := range map[string]uint64{"10": 10, "0x1A": 26, "017": 15, "+3": 3, "7 ": 7} {
		if got, ok := parseUnsigned(s, 32); !ok || got != want {
			t.Errorf("parseUnsigned(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
	for _, s := range []string{"-1", " 1", "0.26", "1_000", "0b1", "08", "4294967296", ""} {
		if _, ok := parseUnsigned(s, 32); ok {
			t.Errorf("parseUnsigned(%q) accepted", s)
		}
	}
}

func TestPriority(t *testing.T) {
	for _, s := range []string{"EMERGENCY", "Alert", "critical", "ERROR", "warning", "NOTICE", "Informational", "INFO", "debug"} {
		if !validPriority(s) {
			t.Errorf("validPriority(%q) = false", s)
		}
	}
	for _, s := range []string{"", "HIGH", "warn", "inf", "Kritical", "informationa"} {
		if validPriority(s) {
			t.Errorf("validPriority(%q) = true", s)
		}
	}
}

// TestYAMLErrorLines checks that yaml.v3's syntax errors, whose line
// numbers count from 0 or 1 depending on the error, land on the right line.
func TestYAMLErrorLines(t *testing.T) {
	cases := []struct {
		src        string
		line, col  int
		msgContain string
	}{
		{"- a\nb: c\n", 2, 1, "expected '-' indicator"},
		{"- rule: x\n   desc: y\n", 2, 1, "mapping values are not allowed"},
		{"- rule: x\n  tags: [a\n", 2, 1, "did not find expected ',' or ']'"},
		{"[a\n", 2, 1, "did not find expected ',' or ']'"},
		{"- rule: 'x\n", 2, 1, "found unexpected end of stream"}, // at the end
		{"- rule: a\n  desc: 'x\n", 2, 1, "found unexpected end of stream"},
		{"- a\n- b\xff\n", 2, 4, "invalid leading UTF-8 octet"},
		{"- a\n- *x\n", 2, 3, "unknown anchor 'x' referenced"},
		{"\xff\xfe- a", 1, 1, "utf-16"},
	}
	for _, c := range cases {
		f := Parse("e.yaml", []byte(c.src))
		var ie *diag.InputError
		if !errors.As(f.Err, &ie) {
			t.Errorf("%q: error %v, want an InputError", c.src, f.Err)
			continue
		}
		if ie.Range.Start.Line != c.line || ie.Range.Start.Column != c.col {
			t.Errorf("%q: error at %d:%d, want %d:%d (%v)", c.src, ie.Range.Start.Line, ie.Range.Start.Column, c.line, c.col, ie)
		}
		if !strings.Contains(ie.Msg, c.msgContain) {
			t.Errorf("%q: message %q, want it to contain %q", c.src, ie.Msg, c.msgContain)
		}
	}
}
