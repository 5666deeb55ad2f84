package check_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/condition"
	"github.com/falcomitre/falcomitre/evidence"
	"github.com/falcomitre/falcomitre/rules"
)

var update = flag.Bool("update", false, "rewrite golden files")

func embedded(t testing.TB) *attack.Catalog {
	t.Helper()
	cat, err := attack.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// render formats findings as the golden files hold them: one line each,
// positions without the directory, then the suggestions and technique.
func render(rep *check.Report, code string) string {
	var b strings.Builder
	for _, f := range rep.Findings {
		if code != "" && f.Code != code {
			continue
		}
		fmt.Fprintf(&b, "%s:%d:%d-%d:%d: %s: %s [%s]\n", filepath.Base(f.Range.File),
			f.Range.Start.Line, f.Range.Start.Column, f.Range.End.Line, f.Range.End.Column,
			f.Severity, f.Message, f.Code)
		fmt.Fprintf(&b, "\trule=%q tag=%q", f.Rule, f.Tag)
		if len(f.Suggestions) > 0 {
			fmt.Fprintf(&b, " suggest=%s", strings.Join(f.Suggestions, ","))
		}
		if t := f.Technique; t != nil {
			fmt.Fprintf(&b, " technique=%s %q %v %s", t.ID, t.Name, t.Tactics, t.URL)
		}
		b.WriteByte('\n')
		for _, fx := range f.Fixes {
			unsafe := ""
			if fx.Unsafe {
				unsafe = " (unsafe)"
			}
			fmt.Fprintf(&b, "\tfix%s: %s:", unsafe, fx.Title)
			for _, e := range fx.Edits {
				fmt.Fprintf(&b, " %s@%d+%d=%q", filepath.Base(e.File), e.Offset, e.Length, e.Text)
			}
			b.WriteByte('\n')
		}
		if f.Unfixable != "" {
			fmt.Fprintf(&b, "\tunfixable: %s\n", f.Unfixable)
		}
	}
	for _, err := range rep.Errors {
		fmt.Fprintf(&b, "error: %v\n", err)
	}
	return b.String()
}

// observations analyses set's conditions, as falcomitre check does.
func observations(set *rules.Set) map[string]*condition.Observation {
	return evidence.Observations(condition.Analyze(set))
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./check -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test ./check -update rewrites it)\n--- got:\n%s--- want:\n%s", path, got, want)
	}
}

// TestChecks runs each check on its testdata: bad.yaml must give exactly
// bad.golden, good.yaml nothing of that code.
func TestChecks(t *testing.T) {
	cat := embedded(t)
	for _, c := range check.Checks() {
		t.Run(c.Code, func(t *testing.T) {
			dir := filepath.Join("testdata", c.Code)
			bad := filepath.Join(dir, "bad.yaml")
			set, err := rules.Load(bad)
			if err != nil {
				t.Fatal(err)
			}
			rep := check.Run(set, cat, check.Options{Observations: observations(set)})
			out := render(rep, c.Code)
			if out == "" {
				t.Errorf("%s gives no %s finding", bad, c.Code)
			}
			golden(t, filepath.Join(dir, "bad.golden"), out)

			good := filepath.Join(dir, "good.yaml")
			set, err = rules.Load(good)
			if err != nil {
				t.Fatal(err)
			}
			if out := render(check.Run(set, cat, check.Options{Observations: observations(set)}), c.Code); out != "" {
				t.Errorf("%s gives findings:\n%s", good, out)
			}
		})
	}
}

// TestExample checks the shipped example, which shows every check.
func TestExample(t *testing.T) {
	set, err := rules.Load(filepath.Join("..", "examples", "rules"))
	if err != nil {
		t.Fatal(err)
	}
	rep := check.Run(set, embedded(t), check.Options{Observations: observations(set)})
	out := render(rep, "")
	golden(t, filepath.Join("testdata", "example.golden"), out)
	seen := map[string]bool{}
	for _, f := range rep.Findings {
		seen[f.Code] = true
	}
	for _, c := range check.Checks() {
		if !seen[c.Code] {
			t.Errorf("the example shows no %s finding", c.Code)
		}
	}
}

func TestRegistry(t *testing.T) {
	prev := ""
	for _, c := range check.Checks() {
		if c.Code <= prev {
			t.Errorf("codes not sorted or repeated: %q after %q", c.Code, prev)
		}
		prev = c.Code
		if c.Title == "" || c.Text == "" || c.Severity == 0 || c.Run == nil {
			t.Errorf("%s: incomplete Doc", c.Code)
		}
		if check.Lookup(c.Code) != c {
			t.Errorf("Lookup(%q) fails", c.Code)
		}
	}
}
