package condition

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/rules"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with the file at path, or rewrites it with -update.
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
		t.Fatalf("%v (go test ./condition -update creates it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test ./condition -update rewrites it; review the diff)", path)
	}
}

// TestGoldenFalcosecurity records, for the three current falcosecurity
// files loaded together, every macro after list substitution and macro
// resolution (references by name), and every rule's source, event
// types, fields, processes, paths and condition.
func TestGoldenFalcosecurity(t *testing.T) {
	files := falcosecurity(t)
	set, err := rules.Load(files...)
	if err != nil {
		t.Fatal(err)
	}
	res := Analyze(set)
	golden(t, filepath.Join("testdata", "falcosecurity.golden"), dumpResult(res))
}

// TestGoldenCases analyses each testdata/cases/*.yaml (its files
// separated by a line "--- next file") and compares with its .golden.
func TestGoldenCases(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "cases", "*.yaml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			var files []*rules.File
			for i, part := range strings.Split(string(src), "--- next file\n") {
				files = append(files, rules.Parse(fmt.Sprintf("%d.yaml", i+1), []byte(part)))
			}
			set := rules.Resolve(files)
			var b strings.Builder
			for _, e := range set.Errs() {
				fmt.Fprintf(&b, "load error: %v\n", e)
			}
			b.WriteString(dumpResult(Analyze(set)))
			golden(t, strings.TrimSuffix(p, ".yaml")+".golden", b.String())
		})
	}
}

// dumpResult prints a Result for the golden files, paths relative to
// the corpus.
func dumpResult(res *Result) string {
	var b strings.Builder
	rel := func(s string) string {
		if i := strings.Index(s, "corpus"+string(filepath.Separator)); i >= 0 {
			return s[i+len("corpus")+1:]
		}
		return s
	}
	for _, e := range res.Errors {
		fmt.Fprintf(&b, "error: %s\n", rel(e.Error()))
	}
	for _, e := range res.Warnings {
		fmt.Fprintf(&b, "warning: %s\n", rel(e.Error()))
	}
	for _, m := range res.Macros {
		if m.Expr != nil {
			fmt.Fprintf(&b, "macro %s: %s\n", m.Name, String(m.Expr))
		} else {
			fmt.Fprintf(&b, "macro %s: (error)\n", m.Name)
		}
	}
	for _, r := range res.Rules {
		fmt.Fprintf(&b, "\nrule %s\n  source: %s\n", r.Rule.Name, r.Source)
		if r.Err != nil {
			fmt.Fprintf(&b, "  error: %s\n", rel(r.Err.Error()))
			continue
		}
		if r.Skipped {
			fmt.Fprintf(&b, "  skipped\n")
			continue
		}
		switch {
		case r.Source != SyscallSource:
			fmt.Fprintf(&b, "  events: every event of the source (%s)\n", strings.Join(r.Events.Names(), " "))
		case r.AllEvents:
			fmt.Fprintf(&b, "  events: all %d codes\n", r.Events.Len())
		default:
			fmt.Fprintf(&b, "  events: %d codes: %s\n", r.Events.Len(), strings.Join(r.EventTypes, " "))
		}
		list := func(name string, s []string) {
			if len(s) > 0 {
				fmt.Fprintf(&b, "  %s (%d): %s\n", name, len(s), strings.Join(s, " "))
			}
		}
		list("fields", r.Fields)
		list("processes", r.Processes)
		list("excluded processes", r.ExcludedProcesses)
		list("paths", r.Paths)
		list("excluded paths", r.ExcludedPaths)
		fmt.Fprintf(&b, "  condition: %s\n", String(r.Expr))
	}
	return b.String()
}
