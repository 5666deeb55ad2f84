package report

import (
	"bufio"
	"strings"
	"testing"
)

// TestWriteCell: writeCell and writeCode write what cell and codeCell
// return.
func TestWriteCell(t *testing.T) {
	cases := append([]string{"a\r\nb\rc\n\r", "x | y `z` <&>", "\r", "\r\n", "\n\r\n"}, jsonTricky...)
	for _, s := range cases {
		for _, c := range []struct {
			write func(*bufio.Writer, string)
			ret   func(string) string
		}{{writeCell, cell}, {writeCode, codeCell}} {
			var got strings.Builder
			b := bufio.NewWriter(&got)
			c.write(b, s)
			b.Flush()
			if want := c.ret(s); got.String() != want {
				t.Errorf("%q: wrote %q, want %q", s, got.String(), want)
			}
		}
	}
}
