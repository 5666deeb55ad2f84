// Command gendocs writes docs/checks: one page per check, made from its Doc
// and its testdata (bad.yaml with what falcomitre reports on it, the fix
// as a diff, good.yaml), and an index. `go generate ./check` runs it; a
// test fails when the committed pages differ from what it makes, as
// actionlint's scripts/check-checks does for docs/checks.md.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	testdata := flag.String("testdata", "testdata", "the check package's testdata directory")
	out := flag.String("out", "../docs/checks", "where the pages go")
	flag.Parse()
	pages, err := generate(*testdata)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
	for name, b := range pages {
		if err := os.WriteFile(filepath.Join(*out, name), b, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gendocs:", err)
			os.Exit(1)
		}
	}
}
