// Package sharedtest finds the shared test data that lives beside the
// repository (../shared: ATT&CK bundles and the rules corpus), so that
// every package's tests name it the same way and skip the same way when
// it is absent.
package sharedtest

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// FalcosecurityFiles are the three current falcosecurity rules files,
// relative to the corpus's falcosecurity__rules folder: the workload of
// BENCHMARKS.md and of the golden files made from real rules.
var FalcosecurityFiles = []string{
	"falco-rules-5.1.0/rules__falco_rules.yaml",
	"falco-incubating-rules-6.0.1/rules__falco-incubating_rules.yaml",
	"falco-sandbox-rules-6.1.0/rules__falco-sandbox_rules.yaml",
}

// Dir returns the absolute path of ../shared/<sub> beside the module,
// skipping the test with a clear message when it is absent.
func Dir(tb testing.TB, sub string) string {
	tb.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		tb.Skip("cannot locate the module to find ../shared")
	}
	// file is <module>/internal/sharedtest/sharedtest.go.
	dir := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", sub)
	if _, err := os.Stat(dir); err != nil {
		tb.Skipf("shared test data not found (it lives in ../shared beside the repository): %v", err)
	}
	return dir
}

// Falcosecurity returns the paths of FalcosecurityFiles, skipping the
// test when the corpus lacks them.
func Falcosecurity(tb testing.TB) []string {
	tb.Helper()
	root := filepath.Join(Dir(tb, "corpus"), "falcosecurity__rules")
	files := make([]string, len(FalcosecurityFiles))
	for i, f := range FalcosecurityFiles {
		files[i] = filepath.Join(root, filepath.FromSlash(f))
		if _, err := os.Stat(files[i]); err != nil {
			tb.Skipf("falcosecurity files not in the shared corpus: %v", err)
		}
	}
	return files
}

// RulesFiles returns every .yaml and .yml file of the shared corpus, in
// walk order, skipping the test when the corpus is absent or empty.
func RulesFiles(tb testing.TB) []string {
	tb.Helper()
	var files []string
	filepath.WalkDir(Dir(tb, "corpus"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		tb.Skip("no rules files in the shared corpus")
	}
	return files
}
