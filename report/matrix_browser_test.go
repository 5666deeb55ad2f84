package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/falcomitre/falcomitre/coverage"
	"github.com/falcomitre/falcomitre/internal/cdp"
	"github.com/falcomitre/falcomitre/report"
)

// screenshotPath is the picture of the matrix page the README shows; the
// test rewrites it only with -update, so that ordinary runs leave the
// repository clean.
const screenshotPath = "../docs/matrix.png"

// TestMatrixInBrowser opens the matrix page of the falcosecurity rules in
// a real headless Chromium and uses it as a person would: it clicks a
// cell and reads the details, filters by maturity and platform, closes
// the details with Escape, and looks at the page on a phone and on paper.
// The counts the page's script works out must be the ones the Go model
// gives.
func TestMatrixInBrowser(t *testing.T) {
	browserPath, err := cdp.Find()
	if err != nil {
		t.Skipf("%v: the matrix page's browser test did not run (apt-get install chromium; .ci/run installs it)", err)
	}
	m := corpusModel(t)
	page := filepath.Join(t.TempDir(), "matrix.html")
	var buf bytes.Buffer
	if err := report.WriteMatrix(&buf, m, "html"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	b, err := cdp.Start(browserPath)
	if err != nil {
		t.Fatalf("start %s: %v", browserPath, err)
	}
	defer b.Close()
	p, err := b.NewPage(ctx, 1400, 900)
	if err != nil {
		t.Fatalf("%v\n%s", err, browserLog(b))
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%v\nbrowser stderr:\n%s", err, browserLog(b))
		}
	}
	text := func(expr string) string {
		t.Helper()
		var s string
		must(p.Eval(ctx, expr, &s))
		return s
	}
	must(p.Navigate(ctx, "file://"+page))
	must(p.WaitFor(ctx, `document.querySelector("#matrix button.cell")`))

	// On load the script recounts every cell; it must agree with Go.
	want := fmt.Sprintf("%d of %d techniques covered (%.1f%%)", m.Covered, m.Techniques, coverage.Percent(m.Covered, m.Techniques))
	if got := text(`document.getElementById("summary").textContent`); got != want {
		t.Errorf("summary on load = %q, want %q", got, want)
	}

	// Click the busiest cell and read its details.
	cell := busiest(m)
	sel := fmt.Sprintf(`section[data-tactic=%q] button[data-tech=%q]`, cell.Tactic.Shortname, cell.Technique.ID)
	must(p.Click(ctx, sel))
	must(p.WaitFor(ctx, `!document.getElementById("detail").hidden`))
	if got, want := text(`document.querySelector("#detail h2").textContent`), cell.Technique.ID+" "+cell.Technique.Name; got != want {
		t.Errorf("details heading = %q, want %q", got, want)
	}
	if got, want := text(`document.querySelector("#detail h2 a").href`), cell.Technique.URL(); got != want {
		t.Errorf("details link = %q, want %q", got, want)
	}
	var names []string
	must(p.Eval(ctx, `Array.from(document.querySelectorAll("#detail .rule-name"), e => e.textContent)`, &names))
	var wantNames []string
	for _, r := range cell.Rules {
		wantNames = append(wantNames, r.Name)
	}
	if !slices.Equal(sortedCopy(names), sortedCopy(wantNames)) {
		t.Errorf("details list rules %q, want %q", names, wantNames)
	}
	if got := text(`document.querySelector("#detail").textContent`); !strings.Contains(got, "Platforms") || !strings.Contains(got, "Mitigations") ||
		strings.Contains(got, "undefined") {
		t.Errorf("details lack the technique's platforms or mitigations, or show a missing value: %q", got)
	}
	// What ATT&CK says to watch, and how each rule meets it.
	if got := text(`document.querySelector("#detail").textContent`); !strings.Contains(got, "ATT&CK watches on Containers, Linux") ||
		!strings.Contains(got, "evidence: ") {
		t.Errorf("details lack what ATT&CK watches or the rules' evidence: %q", got)
	}
	if *update {
		shot, err := p.Screenshot(ctx)
		must(err)
		must(os.WriteFile(screenshotPath, shot, 0o644))
	}

	// Without the sandbox rules the cell and the details count fewer.
	must(p.Click(ctx, `input[name=maturity][value=sandbox]`))
	kept := 0
	for _, r := range cell.Rules {
		if r.Maturity != "sandbox" {
			kept++
		}
	}
	if got := text(`document.querySelector(` + jsString(sel) + `).querySelector(":scope > .n").textContent`); got != fmt.Sprint(kept) {
		t.Errorf("count without sandbox = %s, want %d", got, kept)
	}
	if got, want := text(`document.querySelector("#detail h3").textContent`), fmt.Sprintf("%d rules", kept); got != want {
		t.Errorf("details without sandbox say %q, want %q", got, want)
	}
	must(p.Click(ctx, `input[name=maturity][value=sandbox]`))

	// Counting Windows too widens the denominator as Go does.
	must(p.Click(ctx, `input[name=platform][value=Windows]`))
	wide, err := coverage.Build(corpusSet(t), m.Catalog, coverage.Options{Platforms: append(slices.Clone(m.Scope.Platforms), "Windows")})
	must(err)
	want = fmt.Sprintf("%d of %d techniques covered (%.1f%%)", wide.Covered, wide.Techniques, coverage.Percent(wide.Covered, wide.Techniques))
	if got := text(`document.getElementById("summary").textContent`); got != want {
		t.Errorf("summary with Windows = %q, want %q", got, want)
	}
	must(p.Click(ctx, `input[name=platform][value=Windows]`))

	must(p.Key(ctx, "Escape"))
	must(p.WaitFor(ctx, `document.getElementById("detail").hidden`))

	// A phone: nothing scrolls sideways, and the details open as a sheet
	// at the bottom of the screen.
	must(p.Resize(ctx, 390, 844, true))
	var wider bool
	must(p.Eval(ctx, `document.documentElement.scrollWidth > window.innerWidth`, &wider))
	if wider {
		t.Error("on a phone the page scrolls sideways")
	}
	must(p.Click(ctx, sel))
	var sheet bool
	must(p.Eval(ctx, `(function () { var r = document.getElementById("detail").getBoundingClientRect();
  return !document.getElementById("detail").hidden && r.top > 0 && Math.abs(r.bottom - innerHeight) < 2 && r.width >= innerWidth - 1; }())`, &sheet))
	if !sheet {
		t.Error("on a phone the details are not a sheet at the bottom of the screen")
	}

	// Paper: no filters, the matrix and the details, and it prints.
	must(p.Resize(ctx, 1400, 900, false))
	must(p.Media(ctx, "print"))
	if got := text(`getComputedStyle(document.getElementById("filters")).display`); got != "none" {
		t.Errorf("printed, the filters show (display %s)", got)
	}
	if got := text(`getComputedStyle(document.getElementById("detail")).position`); got != "static" {
		t.Errorf("printed, the details are not in the flow of the page (position %s)", got)
	}
	var sideBySide bool
	must(p.Eval(ctx, `(function () { var s = document.querySelectorAll("section.tactic");
  return s[0].getBoundingClientRect().top === s[s.length - 1].getBoundingClientRect().top; }())`, &sideBySide))
	if !sideBySide {
		t.Error("printed, the tactics do not stand side by side")
	}
	pdf, err := p.PDF(ctx)
	must(err)
	if !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Error("printing gave no PDF")
	}

	errs, err := p.Errors(ctx)
	must(err)
	if len(errs) > 0 {
		t.Errorf("script errors: %q", errs)
	}
}

// busiest returns the cell covered by the most rules, the first in
// matrix order on a tie.
func busiest(m *coverage.Model) *coverage.Cell {
	var best *coverage.Cell
	for _, col := range m.Columns {
		for _, c := range col.Cells {
			if best == nil || len(c.Rules) > len(best.Rules) {
				best = c
			}
		}
	}
	return best
}

// browserLog is the browser's standard error without the complaints of a
// machine with no D-Bus, which say nothing about the page.
func browserLog(b *cdp.Browser) string {
	var keep []string
	for _, line := range strings.Split(b.Stderr(), "\n") {
		if !strings.Contains(line, "dbus") {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "\n")
}

// jsString quotes s for a JavaScript expression.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func sortedCopy(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}
