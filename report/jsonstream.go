package report

import (
	"bufio"
	"bytes"
	"encoding"
	"encoding/json"
	"io"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// writeJSONDoc writes v followed by a newline, byte for byte as a
// json.Encoder with SetIndent("", "  ") and SetEscapeHTML(false) writes
// it, but straight to w, a member at a time. Encoding a large report whole
// held it in memory three times over (marshalled, indented, each grown by
// doubling): for 100k rules' findings, 0.9 GB and 5 s. Structs, slices,
// pointers, strings, integers and booleans are written here; anything
// else (maps, floats, types with their own marshalling) by encoding/json.
func writeJSONDoc(w io.Writer, v any) error {
	s := newJSONStreamer(w)
	if err := s.value(reflect.ValueOf(v), ""); err != nil {
		return err
	}
	s.bw.WriteByte('\n')
	return s.bw.Flush()
}

func newJSONStreamer(w io.Writer) *jsonStreamer {
	s := &jsonStreamer{bw: bufio.NewWriterSize(w, 64<<10), fields: map[reflect.Type][]jsonField{}, custom: map[reflect.Type]bool{}}
	s.enc = json.NewEncoder(&s.buf)
	s.enc.SetEscapeHTML(false)
	return s
}

type jsonStreamer struct {
	bw     *bufio.Writer
	buf    bytes.Buffer // a value encoding/json writes
	enc    *json.Encoder
	num    []byte
	fields map[reflect.Type][]jsonField
	custom map[reflect.Type]bool // types that marshal themselves
	spaces string                // indentation, sliced for each depth
}

// inner returns the indentation one level below prefix, a slice of one
// string: a concatenation for each object was 25 MB of a large report.
func (s *jsonStreamer) inner(prefix string) string {
	n := len(prefix) + 2
	if len(s.spaces) < n {
		s.spaces = strings.Repeat(" ", 2*n)
	}
	return s.spaces[:n]
}

// marshalsItself reports whether encoding/json would call t's own
// MarshalJSON or MarshalText.
func (s *jsonStreamer) marshalsItself(t reflect.Type) bool {
	c, ok := s.custom[t]
	if !ok {
		c = t.Implements(marshalerType) || t.Implements(textMarshalerType) ||
			reflect.PointerTo(t).Implements(marshalerType) || reflect.PointerTo(t).Implements(textMarshalerType)
		s.custom[t] = c
	}
	return c
}

// jsonField is a struct field as encoding/json writes it.
type jsonField struct {
	index     int
	name      string
	omitEmpty bool
}

var (
	stringMapType     = reflect.TypeFor[map[string]string]()
	marshalerType     = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// value writes v, its inner lines indented by prefix.
func (s *jsonStreamer) value(v reflect.Value, prefix string) error {
	if !v.IsValid() {
		s.bw.WriteString("null") // a nil interface
		return nil
	}
	t := v.Type()
	if s.marshalsItself(t) {
		return s.leaf(v, prefix)
	}
	switch v.Kind() {
	case reflect.Struct:
		return s.object(v, prefix)
	case reflect.Slice:
		if v.IsNil() {
			s.bw.WriteString("null")
			return nil
		}
		if t.Elem().Kind() == reflect.Uint8 {
			return s.leaf(v, prefix) // base64
		}
		return s.array(v, prefix)
	case reflect.Pointer:
		if v.IsNil() {
			s.bw.WriteString("null")
			return nil
		}
		return s.value(v.Elem(), prefix)
	case reflect.Map:
		if t != stringMapType {
			return s.leaf(v, prefix)
		}
		return s.stringMap(v, prefix)
	case reflect.String:
		writeJSONString(s.bw, v.String(), jsonPlain)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		s.num = strconv.AppendInt(s.num[:0], v.Int(), 10)
		s.bw.Write(s.num)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		s.num = strconv.AppendUint(s.num[:0], v.Uint(), 10)
		s.bw.Write(s.num)
	case reflect.Bool:
		s.bw.WriteString(strconv.FormatBool(v.Bool()))
	default:
		return s.leaf(v, prefix)
	}
	return nil
}

func (s *jsonStreamer) object(v reflect.Value, prefix string) error {
	fields, ok := s.fieldsOf(v.Type())
	if !ok {
		return s.leaf(v, prefix)
	}
	inner := s.inner(prefix)
	s.bw.WriteByte('{')
	first := true
	for _, f := range fields {
		fv := v.Field(f.index)
		if f.omitEmpty && emptyJSON(fv) {
			continue
		}
		if !first {
			s.bw.WriteByte(',')
		}
		first = false
		s.bw.WriteByte('\n')
		s.bw.WriteString(inner)
		writeJSONString(s.bw, f.name, jsonPlain)
		s.bw.WriteString(": ")
		if err := s.value(fv, inner); err != nil {
			return err
		}
	}
	if !first {
		s.bw.WriteByte('\n')
		s.bw.WriteString(prefix)
	}
	s.bw.WriteByte('}')
	return nil
}

// fieldsOf returns the fields of struct type t that encoding/json writes,
// worked out once per type; ok is false for a struct this writer leaves
// to encoding/json: one with an embedded field, or a tag option other
// than omitempty.
func (s *jsonStreamer) fieldsOf(t reflect.Type) (fs []jsonField, ok bool) {
	if fs, ok := s.fields[t]; ok {
		return fs, fs != nil
	}
	fs = []jsonField{}
	for i := range t.NumField() {
		f, keep, plain := fieldOf(t.Field(i))
		if !plain {
			fs = nil
			break
		}
		if keep {
			f.index = i
			fs = append(fs, f)
		}
	}
	s.fields[t] = fs
	return fs, fs != nil
}

func (s *jsonStreamer) array(v reflect.Value, prefix string) error {
	if v.Len() == 0 {
		s.bw.WriteString("[]")
		return nil
	}
	inner := s.inner(prefix)
	s.bw.WriteByte('[')
	if v.Len() >= parallelArray && runtime.GOMAXPROCS(0) > 1 {
		if err := s.elemsOnEveryCore(v, inner); err != nil {
			return err
		}
	} else if err := s.elems(v, 0, v.Len(), inner); err != nil {
		return err
	}
	s.bw.WriteByte('\n')
	s.bw.WriteString(prefix)
	s.bw.WriteByte(']')
	return nil
}

func (s *jsonStreamer) leaf(v reflect.Value, prefix string) error {
	s.buf.Reset()
	s.enc.SetIndent(prefix, "  ")
	if err := s.enc.Encode(v.Interface()); err != nil {
		return err
	}
	b := s.buf.Bytes()
	_, err := s.bw.Write(b[:len(b)-1]) // Encode ends with a newline
	return err
}

// stringMap writes a map[string]string as encoding/json does: keys
// sorted, null when nil. A SARIF result's fingerprints are one such map,
// and encoding/json, indenting each apart, was a fifth of the writing.
func (s *jsonStreamer) stringMap(v reflect.Value, prefix string) error {
	if v.IsNil() {
		s.bw.WriteString("null")
		return nil
	}
	if v.Len() == 0 {
		s.bw.WriteString("{}")
		return nil
	}
	m := v.Interface().(map[string]string)
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	inner := s.inner(prefix)
	s.bw.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			s.bw.WriteByte(',')
		}
		s.bw.WriteByte('\n')
		s.bw.WriteString(inner)
		writeJSONString(s.bw, k, jsonPlain)
		s.bw.WriteString(": ")
		writeJSONString(s.bw, m[k], jsonPlain)
	}
	s.bw.WriteByte('\n')
	s.bw.WriteString(prefix)
	s.bw.WriteByte('}')
	return nil
}

// elems writes the elements lo to hi of array v, each after its comma
// and line break.
func (s *jsonStreamer) elems(v reflect.Value, lo, hi int, inner string) error {
	for i := lo; i < hi; i++ {
		if i > 0 {
			s.bw.WriteByte(',')
		}
		s.bw.WriteByte('\n')
		s.bw.WriteString(inner)
		if err := s.value(v.Index(i), inner); err != nil {
			return err
		}
	}
	return nil
}

// parallelArray is the length from which an array's elements are written
// on every core, a piece of arrayPiece elements each, in turns that keep
// the output in order: a large report's findings or SARIF results.
const (
	parallelArray = 4096
	arrayPiece    = 1024
)

// elemsOnEveryCore is elems for the whole of v, each core writing its
// piece of a turn to a buffer of its own that is then copied out in
// order. Each has a streamer of its own: the type caches are not shared.
func (s *jsonStreamer) elemsOnEveryCore(v reflect.Value, inner string) error {
	n := runtime.GOMAXPROCS(0)
	bufs := make([]bytes.Buffer, n)
	workers := make([]*jsonStreamer, n)
	errs := make([]error, n)
	for w := range workers {
		workers[w] = newJSONStreamer(&bufs[w])
	}
	for turn := 0; turn < v.Len(); turn += n * arrayPiece {
		var wg sync.WaitGroup
		for w := range workers {
			lo := turn + w*arrayPiece
			hi := min(lo+arrayPiece, v.Len())
			if lo >= hi {
				break
			}
			wg.Go(func() {
				bufs[w].Reset()
				if errs[w] = workers[w].elems(v, lo, hi, inner); errs[w] == nil {
					errs[w] = workers[w].bw.Flush()
				}
			})
		}
		wg.Wait()
		for w := range workers {
			if errs[w] != nil {
				return errs[w]
			}
			s.bw.Write(bufs[w].Bytes())
			bufs[w].Reset()
		}
	}
	return nil
}

// fieldOf is a struct field as encoding/json names it, keep false for
// one it leaves out, and plain false for what fieldsOf leaves to it.
func fieldOf(f reflect.StructField) (jf jsonField, keep, plain bool) {
	if f.Anonymous {
		return jf, false, false
	}
	tag := f.Tag.Get("json")
	if !f.IsExported() || tag == "-" {
		return jf, false, true
	}
	name, opts, _ := strings.Cut(tag, ",")
	if name == "" {
		name = f.Name
	}
	if strings.ContainsFunc(name, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", r)
	}) {
		return jf, false, false // a name encoding/json would not take
	}
	jf.name = name
	for o := range strings.SplitSeq(opts, ",") {
		switch o {
		case "":
		case "omitempty":
			jf.omitEmpty = true
		default:
			return jf, false, false
		}
	}
	return jf, true, true
}

// emptyJSON is encoding/json's test for omitempty.
func emptyJSON(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}
