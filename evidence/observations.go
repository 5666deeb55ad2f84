package evidence

import "github.com/falcomitre/falcomitre/condition"

// Observations returns what each rule of an analysis watches, by rule
// name, for check.Options.Observations. Rules whose condition Falco would
// reject are left out: what they watch is not known.
func Observations(res *condition.Result) map[string]*condition.Observation {
	out := make(map[string]*condition.Observation, len(res.Rules))
	for _, rr := range res.Rules {
		if rr.Err == nil {
			out[rr.Rule.Name] = &rr.Observation
		}
	}
	return out
}
