package report

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/diag"
)

// TestTextWriter holds the text report, written piece by piece, to the
// same bytes as the plain formatting it replaced, kept below as
// formattedText, on reports filled at random, with colours and without.
func TestTextWriter(t *testing.T) {
	words := []string{"", "plain", "a.yaml", "T1059", "%s %d %!", "tab\tnl\n", "bad\xffutf8", "日本語"}
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 300 {
		var rep check.Report
		fillReport(r, &rep, words)
		for j := range rep.Findings {
			rep.Findings[j].Severity = diag.Severity(r.IntN(4))
		}
		for _, color := range []bool{false, true} {
			tw := &Text{Color: color}
			var got, want bytes.Buffer
			if err := tw.Write(&got, &rep); err != nil {
				t.Fatal(err)
			}
			formattedText(tw, &want, &rep)
			if got.String() != want.String() {
				t.Fatalf("report %d, colour %v: got\n%q\nwant\n%q", i, color, got.String(), want.String())
			}
		}
	}
}

// formattedText is Text.Write as it was, with fmt.
func formattedText(t *Text, w io.Writer, r *check.Report) {
	paint := func(code, s string) string {
		if !t.Color {
			return s
		}
		return code + s + ansiReset
	}
	bw := bufio.NewWriter(w)
	file := ""
	for i, f := range r.Findings {
		if i > 0 && f.Range.File != file {
			bw.WriteByte('\n')
		}
		file = f.Range.File
		fmt.Fprintf(bw, "%s: %s: %s %s\n",
			paint(ansiBold, f.Range.String()),
			paint(severityColor(f.Severity), f.Severity.String()),
			f.Message,
			paint(ansiDim, "["+f.Code+"]"))
		if tech := f.Technique; tech != nil {
			fmt.Fprintf(bw, "    %s %s (%s): %s\n", tech.ID, tech.Name, strings.Join(tech.Tactics, ", "), paint(ansiDim, tech.URL))
		}
	}
	if len(r.Findings) > 0 {
		bw.WriteByte('\n')
	}
	fmt.Fprintln(bw, Summary(r))
	bw.Flush()
}

// fillReport fills rep at random as fill does, with input errors of both
// kinds in place of fill's nil ones.
func fillReport(r *rand.Rand, rep *check.Report, words []string) {
	fill(r, reflect.ValueOf(rep).Elem(), words, 0)
	rep.Errors = nil
	for range r.IntN(3) {
		var err error = &diag.InputError{Range: diag.Range{File: words[r.IntN(len(words))], Start: diag.Pos{Line: r.IntN(3)}}, Msg: words[r.IntN(len(words))]}
		if r.IntN(3) == 0 {
			err = errors.New(words[r.IntN(len(words))])
		}
		rep.Errors = append(rep.Errors, err)
	}
}
