package check_test

import (
	"fmt"
	"log"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/rules"
)

// Run checks rules files with the embedded ATT&CK catalog; the Report is a
// plain Go value to filter, count or render.
func ExampleRun() {
	set, err := rules.Load("../examples/rules/app_rules.yaml")
	if err != nil {
		log.Fatal(err)
	}
	cat, err := attack.Embedded()
	if err != nil {
		log.Fatal(err)
	}
	rep := check.Run(set, cat, check.Options{})
	for _, f := range rep.Findings {
		if f.Code == "tactic-mismatch" {
			fmt.Printf("%s: %s\n  %s\n", f.Rule, f.Message, f.Technique.URL)
		}
	}
	// Output:
	// Nsenter into Host: T1611 (Escape to Host) belongs to Privilege Escalation (mitre_privilege_escalation), but the rule is tagged mitre_execution
	//   https://attack.mitre.org/techniques/T1611/
}
