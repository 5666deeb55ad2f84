package report

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strconv"
	"testing"

	"github.com/falcomitre/falcomitre/diag"
)

// encoded is what writeJSONDoc must write: a json.Encoder's output.
func encoded(t *testing.T, v any) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func streamed(t *testing.T, v any) string {
	t.Helper()
	var b bytes.Buffer
	if err := writeJSONDoc(&b, v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

type namedMap map[string]string

type jsInner struct {
	S  string `json:"s,omitempty"`
	N  int    `json:"n,omitempty"`
	B  bool   `json:"b,omitempty"`
	P  *int   `json:"p,omitempty"`
	L  []int  `json:"l,omitempty"`
	M  map[string]int
	SM map[string]string `json:"sm"`
	NM namedMap          `json:"nm,omitempty"`
	F  float64           `json:"f"`
	Q  string            `json:"q,string"` // left to encoding/json
	u  int
	X  int `json:"-"`
	U8 uint8
}

type jsEmbedded struct {
	jsInner
	Extra string `json:"extra"`
}

type jsOuter struct {
	Name    string        `json:"name"`
	Inner   jsInner       `json:"inner"`
	Ptr     *jsInner      `json:"ptr"`
	List    []jsInner     `json:"list"`
	Nested  [][]string    `json:"nested"`
	Empty   []string      `json:"empty"`
	Nil     []string      `json:"nil"`
	Bytes   []byte        `json:"bytes"`
	Any     any           `json:"any"`
	Emb     []jsEmbedded  `json:"emb"`
	Edits   []diag.Edit   `json:"edits"`
	Struct0 struct{}      `json:"struct0"`
	Arr     [2]int        `json:"arr"`
	Odd     int           `json:"a'b"` // not a name encoding/json takes
	Fields  []jsonFinding `json:"fields"`
}

// TestWriteJSONDoc holds writeJSONDoc to json.Encoder on every kind of
// value the reports hold and on those it leaves to encoding/json.
func TestWriteJSONDoc(t *testing.T) {
	seven := 7
	tricky := []string{"", "plain", `quo"te\back`, "<html>&amp;", "tab\tnl\ncr\r", "\x00\x1f\x7f", "\u2028\u2029", "bad\xffutf8", "日本語"}
	cases := []any{
		jsOuter{},
		jsOuter{Empty: []string{}, List: []jsInner{}, Nested: [][]string{{}, nil, {"a"}}},
		jsOuter{
			Name: tricky[2], Inner: jsInner{S: tricky[3], N: -3, B: true, P: &seven, L: []int{1, 2}, M: map[string]int{"b": 1, "a": 2}, SM: map[string]string{tricky[2]: tricky[3], "b": "", "a": tricky[7], tricky[4]: "x"}, NM: namedMap{"z": "1", "y": "2"}, F: 1.5, Q: "q", u: 1, X: 2, U8: 255},
			Ptr: &jsInner{}, List: []jsInner{{}, {S: "x"}}, Bytes: []byte("hi"), Any: map[string]any{"k": []any{1, "two"}},
			Emb: []jsEmbedded{{jsInner{S: "e"}, "x"}}, Edits: []diag.Edit{{File: "f", Offset: 1, Length: 2, Text: tricky[4]}},
			Arr: [2]int{1, 2}, Odd: 3,
			Fields: []jsonFinding{{Code: "c", Suggestions: []string{}, Fixes: []jsonFix{{Title: "t", Edits: []diag.Edit{}}}, Technique: &jsonTechnique{Tactics: []string{}}}},
		},
		[]any{}, []int(nil), "top", 42, true, nil,
	}
	for _, s := range tricky {
		cases = append(cases, jsOuter{Name: s, Nested: [][]string{{s}}})
	}
	for i, c := range cases {
		if got, want := streamed(t, c), encoded(t, c); got != want {
			t.Errorf("case %d: got\n%s\nwant\n%s", i, got, want)
		}
	}
	// The report types, filled at random.
	r := rand.New(rand.NewPCG(3, 4))
	for range 300 {
		var rep jsonReport
		var log sarifLog
		fill(r, reflect.ValueOf(&rep).Elem(), tricky, 0)
		fill(r, reflect.ValueOf(&log).Elem(), tricky, 0)
		for _, v := range []any{rep, log} {
			if got, want := streamed(t, v), encoded(t, v); got != want {
				t.Fatalf("got\n%s\nwant\n%s", got, want)
			}
		}
	}
}

// fill sets v's exported parts at random, strings from words.
func fill(r *rand.Rand, v reflect.Value, words []string, depth int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(words[r.IntN(len(words))])
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(r.IntN(200)) - 20)
	case reflect.Bool:
		v.SetBool(r.IntN(2) == 0)
	case reflect.Pointer:
		if depth < 4 && r.IntN(2) == 0 {
			v.Set(reflect.New(v.Type().Elem()))
			fill(r, v.Elem(), words, depth+1)
		}
	case reflect.Slice:
		if r.IntN(4) == 0 || depth >= 4 {
			return // nil
		}
		n := r.IntN(4)
		v.Set(reflect.MakeSlice(v.Type(), n, n))
		for i := range n {
			fill(r, v.Index(i), words, depth+1)
		}
	case reflect.Map:
		if r.IntN(2) == 0 {
			m := reflect.MakeMap(v.Type())
			for range r.IntN(3) {
				k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
				fill(r, k, words, depth+1)
				fill(r, e, words, depth+1)
				m.SetMapIndex(k, e)
			}
			v.Set(m)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(r, v.Field(i), words, depth+1)
			}
		}
	}
}

// TestWriteJSONDocLongArrays holds the arrays written on every core to
// json.Encoder, at lengths around the pieces and turns they are cut in,
// with elements that differ, so that one out of order shows.
func TestWriteJSONDocLongArrays(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	words := []string{"", "a", `q"`, "日本"}
	for _, n := range []int{parallelArray - 1, parallelArray, parallelArray + 1, 3*arrayPiece*2 + 17, 10_000} {
		findings := make([]jsonFinding, n)
		for i := range findings {
			fill(r, reflect.ValueOf(&findings[i]).Elem(), words, 1)
			findings[i].Code = strconv.Itoa(i)
		}
		doc := struct {
			Name     string        `json:"name"`
			Findings []jsonFinding `json:"findings"`
			Nested   [][]int       `json:"nested"`
		}{"long", findings, [][]int{make([]int, n)}}
		if got, want := streamed(t, doc), encoded(t, doc); got != want {
			t.Fatalf("%d elements: the streamed document differs from json.Encoder's", n)
		}
	}
}
