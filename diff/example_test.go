package diff_test

import (
	"fmt"
	"log"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/diff"
	"github.com/falcomitre/falcomitre/rules"
)

// Compare two embedded releases for the tags of a rule set: the report
// lists what a maintainer must look at before bumping the pinned version.
func ExampleCompare() {
	from, err := attack.LoadEmbedded("enterprise", "13.1")
	if err != nil {
		log.Fatal(err)
	}
	to, err := attack.LoadEmbedded("enterprise", "18.1")
	if err != nil {
		log.Fatal(err)
	}
	set, err := rules.Load("../examples/rules/app_rules.yaml")
	if err != nil {
		log.Fatal(err)
	}
	d, err := diff.Compare(from, to, set)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d changes, %d of the rules' IDs unchanged\n", d.Summary.Changes, d.Summary.Unchanged)
	// Output:
	// 0 changes, 16 of the rules' IDs unchanged
}
