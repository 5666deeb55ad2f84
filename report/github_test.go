package report_test

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/report"
)

// command is a workflow command read back as the Actions runner reads it
// (actions/runner ActionCommand.TryParseV2).
type command struct {
	level string
	props map[string]string
	msg   string
}

func unescape(s string, property bool) string {
	pairs := []string{"%0D", "\r", "%0A", "\n"}
	if property {
		pairs = append(pairs, "%3A", ":", "%2C", ",")
	}
	pairs = append(pairs, "%25", "%") // last, so that %250A stays %0A
	return strings.NewReplacer(pairs...).Replace(s)
}

func parseCommands(t *testing.T, out []byte) []command {
	t.Helper()
	var cmds []command
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		rest, ok := strings.CutPrefix(line, "::")
		if !ok {
			t.Fatalf("not a workflow command: %q", line)
		}
		head, msg, ok := strings.Cut(rest, "::")
		if !ok {
			t.Fatalf("no message: %q", line)
		}
		level, props, _ := strings.Cut(head, " ")
		c := command{level: level, props: map[string]string{}, msg: unescape(msg, false)}
		for _, p := range strings.Split(props, ",") {
			k, v, ok := strings.Cut(p, "=")
			if !ok {
				t.Fatalf("property %q without =: %q", p, line)
			}
			c.props[k] = unescape(v, true)
		}
		cmds = append(cmds, c)
	}
	return cmds
}

// TestGitHubParsesBack reads every command back and finds the finding it
// came from in it.
func TestGitHubParsesBack(t *testing.T) {
	rep := exampleReport(t)
	var buf bytes.Buffer
	if err := (report.GitHub{}).Write(&buf, rep); err != nil {
		t.Fatal(err)
	}
	cmds := parseCommands(t, buf.Bytes())
	if len(cmds) != len(rep.Findings) {
		t.Fatalf("%d commands for %d findings", len(cmds), len(rep.Findings))
	}
	levels := map[diag.Severity]string{diag.Error: "error", diag.Warning: "warning", diag.Note: "notice"}
	for i, c := range cmds {
		f := rep.Findings[i]
		want := map[string]string{
			"file": f.Range.File, "title": f.Code,
			"line": strconv.Itoa(f.Range.Start.Line), "col": strconv.Itoa(f.Range.Start.Column),
			"endLine": strconv.Itoa(f.Range.End.Line), "endColumn": strconv.Itoa(f.Range.End.Column),
		}
		if fmt.Sprint(c.props) != fmt.Sprint(want) || c.level != levels[f.Severity] {
			t.Errorf("command %d: %s %v, want %s %v", i, c.level, c.props, levels[f.Severity], want)
		}
		if first, _, _ := strings.Cut(c.msg, "\n"); first != f.Message {
			t.Errorf("command %d: message %q, want %q", i, first, f.Message)
		}
	}
}

// TestGitHubEscaping: what the runner would read as syntax is escaped,
// and reads back as written.
func TestGitHubEscaping(t *testing.T) {
	file := "odd dir/a,b:c%d.yaml"
	msg := "100% wrong:\r\nsee a,b::c %0A"
	rep := &check.Report{Findings: []check.Finding{{Diagnostic: diag.Diagnostic{
		Code: "unknown-tactic", Severity: diag.Error, Message: msg,
		Range: diag.Range{File: file, Start: diag.Pos{Line: 2, Column: 3}, End: diag.Pos{Line: 2, Column: 9}},
	}}}}
	var buf bytes.Buffer
	if err := (report.GitHub{}).Write(&buf, rep); err != nil {
		t.Fatal(err)
	}
	const want = "::error file=odd dir/a%2Cb%3Ac%25d.yaml,line=2,col=3,endLine=2,endColumn=9,title=unknown-tactic::100%25 wrong:%0D%0Asee a,b::c %250A\n"
	if buf.String() != want {
		t.Errorf("got  %q\nwant %q", buf.String(), want)
	}
	cmds := parseCommands(t, buf.Bytes())
	if len(cmds) != 1 || cmds[0].props["file"] != file || cmds[0].msg != msg {
		t.Errorf("read back %+v", cmds)
	}
}
