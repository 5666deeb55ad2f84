package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/check"
)

var docsDir = filepath.Join("..", "..", "..", "docs", "checks")

// TestPagesUpToDate holds docs/checks to what the generator makes now, so
// that CI fails when a Doc, a testdata file or an output changed and the
// pages were not regenerated.
func TestPagesUpToDate(t *testing.T) {
	pages, err := generate(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range pages {
		got, err := os.ReadFile(filepath.Join(docsDir, name))
		if err != nil {
			t.Errorf("%v (go generate ./check writes it)", err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("docs/checks/%s is stale: go generate ./check rewrites it", name)
		}
	}
}

// TestEveryCodeHasAPage: a registered code without a page, or a page
// without a code (a renamed check), fails.
func TestEveryCodeHasAPage(t *testing.T) {
	codes := map[string]bool{}
	for _, c := range check.Checks() {
		codes[c.Code] = true
		if _, err := os.Stat(filepath.Join(docsDir, c.Code+".md")); err != nil {
			t.Errorf("check %s has no page: %v", c.Code, err)
		}
	}
	entries, err := os.ReadDir(docsDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		code, ok := strings.CutSuffix(e.Name(), ".md")
		if !ok || e.Name() == "README.md" {
			continue
		}
		if !codes[code] {
			t.Errorf("docs/checks/%s names no registered check", e.Name())
		}
	}
}
