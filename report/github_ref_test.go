package report

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/diag"
)

// TestGitHubWriter holds the workflow commands, written in pieces, to the
// bytes the formatting they replaced wrote (formattedGitHub, below), on
// reports filled at random with what the commands escape.
func TestGitHubWriter(t *testing.T) {
	words := []string{"", "plain", "a.yaml", "100%", "a:b,c", "nl\ncr\r", "%0A", "日本語"}
	r := rand.New(rand.NewPCG(9, 10))
	for i := range 300 {
		var rep check.Report
		fillReport(r, &rep, words)
		var got, want bytes.Buffer
		if err := (GitHub{}).Write(&got, &rep); err != nil {
			t.Fatal(err)
		}
		if err := formattedGitHub(&want, &rep); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Fatalf("report %d: got\n%s\nwant\n%s", i, got.String(), want.String())
		}
	}
}

// formattedGitHub is GitHub.Write as it was, with fmt and joined strings.
func formattedGitHub(w io.Writer, r *check.Report) error {
	bw := bufio.NewWriter(w)
	for _, f := range r.Findings {
		msg := f.Message
		if t := f.Technique; t != nil {
			// A second line of the annotation: the page teaches more
			// than the message can.
			msg += fmt.Sprintf("\n%s %s (%s): %s", t.ID, t.Name, strings.Join(t.Tactics, ", "), t.URL)
		}
		formattedCommand(bw, githubLevel(f.Severity), f.Range, f.Code, msg)
	}
	for _, err := range r.Errors {
		var ie *diag.InputError
		if errors.As(err, &ie) {
			formattedCommand(bw, "error", ie.Range, "falcomitre: input not checked", ie.Msg)
		} else {
			formattedCommand(bw, "error", diag.Range{}, "falcomitre: input not checked", err.Error())
		}
	}
	return bw.Flush()
}

func formattedCommand(w *bufio.Writer, level string, r diag.Range, title, msg string) {
	var props []string
	if r.File != "" {
		props = append(props, "file="+propertyEscaper.Replace(r.File))
	}
	if r.Start.IsValid() {
		props = append(props, "line="+strconv.Itoa(r.Start.Line), "col="+strconv.Itoa(r.Start.Column))
		if r.End.IsValid() {
			props = append(props, "endLine="+strconv.Itoa(r.End.Line), "endColumn="+strconv.Itoa(r.End.Column))
		}
	}
	props = append(props, "title="+propertyEscaper.Replace(title))
	fmt.Fprintf(w, "::%s %s::%s\n", level, strings.Join(props, ","), dataEscaper.Replace(msg))
}
