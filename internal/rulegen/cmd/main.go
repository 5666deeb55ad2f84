// Command rulegen writes a synthetic rule set of -n rules into -dir, for
// measuring falcomitre at scale (BENCHMARKS.md):
//
//	go run ./internal/rulegen/cmd -n 100000 -dir /tmp/scale-100k
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/falcomitre/falcomitre/internal/rulegen"
)

func main() {
	n := flag.Int("n", 1000, "number of rules")
	dir := flag.String("dir", ".", "directory to write 1-main.yaml and 2-local.yaml into")
	flag.Parse()
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "rulegen:", err)
		os.Exit(1)
	}
	paths, err := rulegen.Write(*dir, *n)
	if err != nil {
		fmt.Fprintln(os.Stderr, "rulegen:", err)
		os.Exit(1)
	}
	for _, p := range paths {
		fmt.Println(p)
	}
}
