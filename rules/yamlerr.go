package rules

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/falcomitre/falcomitre/diag"
)

// yaml.v3 reports syntax errors as plain text, "yaml: line N: problem",
// and that N is not always the same kind of number: for scanner errors it
// is the 1-based line of the problem (or of the construct it was in), for
// parser errors it is the 0-based line, and reader errors (bad encoding)
// carry no line at all (go.yaml.in/yaml/v3 decode.go, parser.fail). The
// code here turns each into a file:line:col position as best it can.

// The expressions are compiled on the first error, not at init: every
// process paid for them, most never see a syntax error.
var yamlLineRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^yaml: line (\d+): (.*)$`) })

// parserProblems are the messages yaml.v3's parser (parserc.go) gives; its
// line numbers count from 0.
var parserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"did not find expected node content":     true,
	"did not find expected key":              true,
	"did not find expected '-' indicator":    true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found duplicate %TAG directive":         true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

var unknownAnchorRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^yaml: unknown anchor '(.*)' referenced$`) })

// yamlError converts an error from yaml.v3's decoder to an InputError.
func (p *parser) yamlError(err error) *diag.InputError {
	text := err.Error()
	line, col, msg := 1, 1, strings.TrimPrefix(text, "yaml: ")
	off := -1
	if m := yamlLineRE().FindStringSubmatch(text); m != nil {
		msg = m[2]
		line, _ = strconv.Atoi(m[1])
		if parserProblems[msg] {
			line++
		}
	} else if m := unknownAnchorRE().FindStringSubmatch(text); m != nil {
		off = findAlias(p.f.Src, m[1])
	} else {
		// A reader error: find the offending byte ourselves.
		off = firstBadChar(p.f.Src)
	}
	var start diag.Pos
	if off >= 0 {
		start = p.lines.pos(off)
	} else {
		// offset clamps a line past the end to the end of the file.
		start = p.lines.pos(p.lines.offset(max(line, 1), col))
	}
	return &diag.InputError{
		Range: diag.Range{File: p.f.Path, Start: start, End: start},
		Msg:   "invalid yaml: " + msg,
		Err:   err,
	}
}

// findAlias returns the offset of the first alias *name, -1 if none.
func findAlias(src []byte, name string) int {
	needle := "*" + name
	for i := 0; ; {
		k := bytes.Index(src[i:], []byte(needle))
		if k < 0 {
			return -1
		}
		at := i + k
		end := at + len(needle)
		if end >= len(src) || !isAnchorChar(src[end]) {
			return at
		}
		i = end
	}
}

// firstBadChar returns the offset of the first byte yaml.v3's reader
// rejects: invalid UTF-8 or a character YAML does not allow (YAML 1.2
// §5.1), -1 if none.
func firstBadChar(src []byte) int {
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		switch {
		case r == 0x09 || r == 0x0A || r == 0x0D:
		case r >= 0x20 && r <= 0x7E:
		case r == 0x85:
		case r >= 0xA0 && r <= 0xD7FF:
		case r >= 0xE000 && r <= 0xFFFD:
		case r >= 0x10000 && r <= 0x10FFFF:
		default:
			return i
		}
		i += n
	}
	return -1
}

// YAMLError converts an error of yaml.v3's decoder on src, the bytes of
// path, to an InputError at file:line:col, as Parse reports the syntax
// errors of rules files: for other YAML files falcomitre reads, such as
// its configuration.
func YAMLError(path string, src []byte, err error) *diag.InputError {
	p := &parser{f: &File{Path: path, Src: src}, lines: newLineTable(src)}
	return p.yamlError(err)
}
