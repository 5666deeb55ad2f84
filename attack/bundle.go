package attack

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// readChunk is how much the bundle scanner asks its reader for at a time.
const readChunk = 256 << 10

// bundleScanner walks a STIX bundle ({"type":"bundle","objects":[...]})
// and hands each element of its objects array, as raw bytes, to a
// callback. It holds only a window of the input: a 45 MB STIX 2.1 bundle
// needs no 45 MB buffer.
type bundleScanner struct {
	r     io.Reader // nil once the input is exhausted
	name  string    // for error messages
	buf   []byte    // window of the input
	pos   int       // next unread byte in buf
	mark  int       // bytes of buf before mark may be dropped
	base  int64     // input offset of buf[0]
	lines int       // newlines before buf[0]
	// lineStart is the input offset where the line holding buf[0]
	// starts, for columns.
	lineStart int64
	rerr      error  // read error other than io.EOF
	stack     []byte // scratch for valueEnd and objectKind
}

// newBundleScanner scans r; when all input is already in memory pass it as
// data and r as nil.
func newBundleScanner(name string, r io.Reader, data []byte) *bundleScanner {
	return &bundleScanner{r: r, name: name, buf: data}
}

// errAt formats an error at buf[at], naming the file, line and byte offset.
func (s *bundleScanner) errAt(at int, format string, args ...any) error {
	if at > len(s.buf) {
		at = len(s.buf)
	}
	line, col := s.posAt(s.base + int64(at))
	return fmt.Errorf("%s:%d:%d: %s", s.name, line, col, fmt.Sprintf(format, args...))
}

// more reads at least min more bytes, or up to the end of input; false
// means nothing more could be read.
func (s *bundleScanner) more(min int) bool {
	if s.r == nil {
		return false
	}
	if s.mark > 0 {
		s.lines += bytes.Count(s.buf[:s.mark], []byte{'\n'})
		if nl := bytes.LastIndexByte(s.buf[:s.mark], '\n'); nl >= 0 {
			s.lineStart = s.base + int64(nl) + 1
		}
		n := copy(s.buf, s.buf[s.mark:])
		s.buf = s.buf[:n]
		s.base += int64(s.mark)
		s.pos -= s.mark
		s.mark = 0
	}
	min = max(min, readChunk)
	if cap(s.buf)-len(s.buf) < min {
		nb := make([]byte, len(s.buf), 2*cap(s.buf)+min)
		copy(nb, s.buf)
		s.buf = nb
	}
	got, empty := 0, 0
	for got < min && len(s.buf) < cap(s.buf) {
		n, err := s.r.Read(s.buf[len(s.buf):cap(s.buf)])
		s.buf = s.buf[:len(s.buf)+n]
		got += n
		if n == 0 && err == nil {
			// As bufio does: a reader stuck returning nothing is broken.
			if empty++; empty >= 100 {
				err = io.ErrNoProgress
			}
		}
		if err != nil {
			if err != io.EOF {
				s.rerr = err
			}
			s.r = nil
			break
		}
	}
	return got > 0
}

// endErr explains why the input stopped at buf[at].
func (s *bundleScanner) endErr(at int, what string) error {
	if s.rerr != nil {
		return fmt.Errorf("%s: reading after %d bytes: %w", s.name, s.base+int64(len(s.buf)), s.rerr)
	}
	if s.base == 0 && len(bytes.TrimLeft(s.buf, " \t\r\n")) == 0 {
		return fmt.Errorf("%s: empty input, want a STIX bundle", s.name)
	}
	return s.errAt(at, "unexpected end of input in %s", what)
}

// peek skips whitespace and returns the next byte without consuming it.
func (s *bundleScanner) peek(what string) (byte, error) {
	for {
		for s.pos < len(s.buf) && isSpace(s.buf[s.pos]) {
			s.pos++
		}
		if s.pos < len(s.buf) {
			return s.buf[s.pos], nil
		}
		s.mark = s.pos
		if !s.more(0) {
			return 0, s.endErr(s.pos, what)
		}
	}
}

// value skims the value at pos and returns its bounds in buf; pos moves
// past it. The bounds stay valid until the next read.
func (s *bundleScanner) value(what string) (start, end int, err error) {
	if _, err := s.peek(what); err != nil {
		return 0, 0, err
	}
	s.mark = s.pos
	for {
		end, s.stack, err = valueEnd(s.buf, s.pos, s.stack)
		if err == nil {
			start, s.pos = s.pos, end
			return start, end, nil
		}
		var se *skimError
		if errors.As(err, &se) {
			return 0, 0, s.errAt(se.at, "%s in %s", se.msg, what)
		}
		// Read at least as much again as the value so far, so a huge
		// value is re-skimmed a logarithmic number of times.
		if !s.more(len(s.buf) - s.mark) {
			if s.rerr == nil && s.buf[s.pos] != '{' && s.buf[s.pos] != '[' && s.buf[s.pos] != '"' {
				// A number or literal may end the input; the caller will
				// complain about what is missing after it.
				end, s.pos = len(s.buf), len(s.buf)
				if !json.Valid(s.buf[s.mark:end]) {
					return 0, 0, s.errAt(s.mark, "invalid %s", what)
				}
				return s.mark, end, nil
			}
			return 0, 0, s.endErr(len(s.buf), what)
		}
	}
}

// expect consumes the next non-space byte, which must be one of want.
func (s *bundleScanner) expect(want, what string) (byte, error) {
	c, err := s.peek(what)
	if err != nil {
		return 0, err
	}
	if bytes.IndexByte([]byte(want), c) < 0 {
		return 0, s.errAt(s.pos, "invalid character %s in %s", quoteByte(c), what)
	}
	s.pos++
	return c, nil
}

// scan walks the bundle, calling fn for each element of objects with the
// element's bytes (valid only during the call) and its input offset.
func (s *bundleScanner) scan(fn func(obj []byte, off int64) error) error {
	c, err := s.peek("bundle")
	if err != nil {
		return err
	}
	switch c {
	case '{':
	case '[':
		return s.errAt(s.pos, "input is a JSON array, want a STIX bundle object")
	default:
		return s.errAt(s.pos, "not JSON: invalid character %s at the start, want a STIX bundle object", quoteByte(c))
	}
	s.pos++
	sawObjects := false
	if c, err = s.peek("bundle"); err != nil {
		return err
	}
	if c == '}' {
		s.pos++
	} else {
		for {
			if c, err = s.peek("bundle"); err != nil {
				return err
			}
			if c != '"' {
				return s.errAt(s.pos, "invalid character %s in bundle, want a member name", quoteByte(c))
			}
			ks, ke, err := s.value("bundle member name")
			if err != nil {
				return err
			}
			key, _ := unquote(s.buf[ks:ke])
			if _, err := s.expect(":", "bundle"); err != nil {
				return err
			}
			if key == "objects" {
				if sawObjects {
					return s.errAt(s.pos, "second \"objects\" member in bundle")
				}
				sawObjects = true
				if err := s.objects(fn); err != nil {
					return err
				}
			} else {
				vs, ve, err := s.value(fmt.Sprintf("bundle member %q", key))
				if err != nil {
					return err
				}
				if key == "type" {
					if t, ok := unquote(s.buf[vs:ve]); !ok || t != "bundle" {
						return s.errAt(vs, "not a STIX bundle: type is %s, want \"bundle\"", s.buf[vs:ve])
					}
				}
			}
			if c, err = s.expect(",}", "bundle"); err != nil {
				return err
			}
			if c == '}' {
				break
			}
		}
	}
	for s.pos < len(s.buf) || s.more(0) {
		for s.pos < len(s.buf) && isSpace(s.buf[s.pos]) {
			s.pos++
		}
		if s.pos < len(s.buf) {
			return s.errAt(s.pos, "data after the end of the bundle")
		}
		s.mark = s.pos
	}
	if s.rerr != nil {
		return s.endErr(s.pos, "bundle")
	}
	if !sawObjects {
		return fmt.Errorf("%s: not a STIX bundle: no \"objects\" array", s.name)
	}
	return nil
}

// objects walks the objects array; pos is at its '['.
func (s *bundleScanner) objects(fn func(obj []byte, off int64) error) error {
	c, err := s.peek("objects")
	if err != nil {
		return err
	}
	if c != '[' {
		return s.errAt(s.pos, "\"objects\" is not an array")
	}
	s.pos++
	if c, err = s.peek("objects"); err != nil {
		return err
	}
	if c == ']' {
		s.pos++
		return nil
	}
	for n := 0; ; n++ {
		if c, err = s.peek("objects"); err != nil {
			return err
		}
		if c != '{' {
			return s.errAt(s.pos, "objects[%d] is not a JSON object", n)
		}
		start, end, err := s.value("objects element")
		if err != nil {
			return err
		}
		if err := fn(s.buf[start:end], s.base+int64(start)); err != nil {
			return err
		}
		if c, err = s.expect(",]", "objects"); err != nil {
			return err
		}
		if c == ']' {
			return nil
		}
	}
}

// position formats an input offset as file:line:col.
func (s *bundleScanner) position(off int64) string {
	line, col := s.posAt(off)
	return fmt.Sprintf("%s:%d:%d", s.name, line, col)
}

// posAt returns the 1-based line and byte column of an input offset
// inside the current window, 0, 0 when it is outside.
func (s *bundleScanner) posAt(off int64) (line, col int) {
	at := int(off - s.base)
	if at < 0 || at > len(s.buf) {
		return 0, 0
	}
	start := s.lineStart
	if nl := bytes.LastIndexByte(s.buf[:at], '\n'); nl >= 0 {
		start = s.base + int64(nl) + 1
	}
	return s.lines + bytes.Count(s.buf[:at], []byte{'\n'}) + 1, int(off-start) + 1
}
