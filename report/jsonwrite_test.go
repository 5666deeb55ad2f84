package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
)

// jsonTricky are strings every JSON escape is tried on.
var jsonTricky = []string{
	"plain", "</script><!--", "a & b <c>", "line\u2028sep\u2029", "bad \xff utf-8", `quote " \ '`,
	"tab\tnl\n\r\b\f\x00\x1f\x7f", "é ü 日本 🙂", "cut \xe6\x97", "\xed\xa0\x80 surrogate", "",
}

// TestJSONString: writeJSONString writes what encoding/json does, with
// and without its HTML escaping, for tricky and random strings.
func TestJSONString(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	cases := append([]string(nil), jsonTricky...)
	alphabet := []string{"a", "<", ">", "&", "\"", "\\", "\n", "\x01", "\x7f", "é", "\u2028", "\u2029", "\xff", "\xe2\x80", "日", "🙂", "\xf0\x9f"}
	for range 2000 {
		var s strings.Builder
		for range rng.IntN(12) {
			s.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		cases = append(cases, s.String())
	}
	for _, s := range cases {
		for _, html := range []bool{false, true} {
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetEscapeHTML(html)
			if err := enc.Encode(s); err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			b := bufio.NewWriter(&got)
			esc := jsonPlain
			if html {
				esc = jsonHTML
			}
			writeJSONString(b, s, esc)
			b.WriteByte('\n')
			b.Flush()
			if got.String() != want.String() {
				t.Errorf("%q (html %v): wrote %s, want %s", s, html, got.String(), want.String())
			}
		}
	}
}
