package report_test

import (
	"bytes"
	"github.com/falcomitre/falcomitre/internal/sharedtest"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/condition"
	"github.com/falcomitre/falcomitre/coverage"
	"github.com/falcomitre/falcomitre/evidence"
	"github.com/falcomitre/falcomitre/report"
	"github.com/falcomitre/falcomitre/rules"
)

// falcosecurityFiles are the three current falcosecurity rules files of
// the shared corpus (as in check/bench_test.go), relative to corpusRoot.
var falcosecurityFiles = sharedtest.FalcosecurityFiles

// corpusRoot returns the absolute path of the falcosecurity corpus
// folder, skipping the test when ../shared is not beside the repository.
func corpusRoot(t testing.TB) string {
	root, err := filepath.Abs(filepath.Join("..", "..", "shared", "corpus", "falcosecurity__rules"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range falcosecurityFiles {
		if _, err := os.Stat(filepath.Join(root, f)); err != nil {
			t.Skipf("shared corpus not found (it lives in ../shared beside the repository): %v", err)
		}
	}
	return root
}

// loadCorpus loads the falcosecurity files with the paths they have from
// the corpus folder, so that the golden files do not depend on where the
// repository is, and checks them.
func loadCorpus(t testing.TB, files []string) (*rules.Set, *attack.Catalog, *check.Report) {
	set, cat, rep, _ := loadCorpusOpt(t, files)
	return set, cat, rep
}

// loadCorpusOpt is loadCorpus with the check options it used: with the
// rules' observations, as falcomitre's commands analyse them.
func loadCorpusOpt(t testing.TB, files []string) (*rules.Set, *attack.Catalog, *check.Report, check.Options) {
	t.Helper()
	root := corpusRoot(t)
	cat, err := attack.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(root); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	set, err := rules.Load(files...)
	if err != nil {
		t.Fatal(err)
	}
	if errs := set.Errs(); len(errs) > 0 {
		t.Fatal(errs)
	}
	opt := check.Options{Observations: evidence.Observations(condition.Analyze(set))}
	return set, cat, check.Run(set, cat, opt), opt
}

// corpusModel is the coverage model every coverage writer renders.
func corpusModel(t testing.TB) *coverage.Model {
	t.Helper()
	set, cat, rep, opt := loadCorpusOpt(t, falcosecurityFiles)
	m, err := coverage.Build(set, cat, coverage.Options{Report: rep, Check: opt})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestOverview(t *testing.T) {
	var buf bytes.Buffer
	if err := report.WriteOverview(&buf, corpusModel(t)); err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("testdata", "coverage", "overview.md"), buf.Bytes())
}

func TestMatrix(t *testing.T) {
	m := corpusModel(t)
	for _, format := range report.MatrixFormats {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := report.WriteMatrix(&buf, m, format); err != nil {
				t.Fatal(err)
			}
			ext := map[string]string{"markdown": "md", "html": "html"}[format]
			golden(t, filepath.Join("testdata", "coverage", "matrix."+ext), buf.Bytes())
		})
	}
}

// corpusSet is the falcosecurity rule set alone.
func corpusSet(t testing.TB) *rules.Set {
	t.Helper()
	set, _, _ := loadCorpus(t, falcosecurityFiles)
	return set
}

// TestCoverageCorpus renders every coverage document for each file of the
// shared corpus that loads, on its own: none may fail or panic, and every
// layer must be a valid 4.5 layer whatever the event source.
func TestCoverageCorpus(t *testing.T) {
	root := filepath.Join("..", "..", "shared", "corpus")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("corpus not found at %s: %v", root, err)
	}
	cat, err := attack.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			return nil
		}
		set, err := rules.Load(p)
		if err != nil {
			return nil
		}
		m, err := coverage.Build(set, cat, coverage.Options{Report: check.Run(set, cat, check.Options{})})
		if err != nil {
			t.Errorf("%s: %v", p, err)
			return nil
		}
		n++
		var buf bytes.Buffer
		if err := report.WriteOverview(&buf, m); err != nil {
			t.Errorf("%s: overview: %v", p, err)
		}
		for _, f := range report.MatrixFormats {
			if err := report.WriteMatrix(&buf, m, f); err != nil {
				t.Errorf("%s: matrix %s: %v", p, f, err)
			}
		}
		buf.Reset()
		if err := report.WriteLayer(&buf, report.NewLayer(m, report.LayerOptions{})); err != nil {
			t.Errorf("%s: layer: %v", p, err)
		}
		checkLayerFile(t, buf.Bytes(), m)
		return nil
	})
	if n < 80 {
		t.Errorf("only %d corpus files loaded", n)
	}
}

// TestCoverageEscaping: rule text reaches every document as text, never
// as markup, and never breaks a Markdown table.
func TestCoverageEscaping(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "evil.yaml")
	src := `- rule: "</script><script>alert(1)</script> | pipe"
  desc: "line one\nline two | <img src=x onerror=alert(2)>"
  condition: evt.type = execve
  output: o
  priority: INFO
  tags: [maturity_stable, mitre_execution, T1059, "x|y"]
`
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	set, err := rules.Load(p)
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := attack.Embedded()
	m, err := coverage.Build(set, cat, coverage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var html, md bytes.Buffer
	if err := report.WriteMatrix(&html, m, "html"); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script>alert(1)", "<img src=x"} {
		if strings.Contains(html.String(), bad) {
			t.Errorf("the page carries %q as markup", bad)
		}
	}
	if err := report.WriteOverview(&md, m); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, line := range strings.Split(md.String(), "\n") {
		// The rule's row in its maturity table: eight cells, nine bars.
		if strings.HasPrefix(line, "| &lt;/script&gt;") {
			found = true
			if strings.Contains(line, "<img") || strings.Count(strings.ReplaceAll(line, `\|`, ""), "|") != 9 {
				t.Errorf("overview row broken or unescaped: %s", line)
			}
		}
		if strings.HasPrefix(line, "line two") {
			t.Errorf("a line break in a cell ended the row: %q", line)
		}
	}
	if !found {
		t.Errorf("no row for the rule in the overview:\n%s", md.String())
	}
}
