package dataset_test

import (
	"context"
	"fmt"
	"log"

	"github.com/falcomitre/falcomitre/dataset"
)

// Open takes whatever a user names: here an embedded release by version.
// A URL would be downloaded once and then read from the cache.
func ExampleOpen() {
	cat, err := dataset.Open(context.Background(), dataset.Spec{Domain: "enterprise", Version: "15.1"})
	if err != nil {
		log.Fatal(err)
	}
	t := cat.Technique("T1611")
	fmt.Println(cat.Domain, cat.Version, cat.Source)
	fmt.Println(t.ID, t.Name, t.Tactics)
	// Output:
	// enterprise-attack 15.1 embedded
	// T1611 Escape to Host [privilege-escalation]
}
