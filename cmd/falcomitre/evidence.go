package main

import (
	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/condition"
	"github.com/falcomitre/falcomitre/rules"
)

// withObservations returns opt with what each rule of set watches, which
// weak-evidence weighs; the analysis is skipped when the check is off.
func withObservations(opt check.Options, set *rules.Set) check.Options {
	if !opt.Runs("weak-evidence") {
		return opt
	}
	opt.Observations = condition.Observations(set)
	return opt
}
