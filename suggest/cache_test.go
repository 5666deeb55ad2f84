package suggest

import (
	"reflect"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/condition"
	"github.com/falcomitre/falcomitre/evidence"
	"github.com/falcomitre/falcomitre/internal/rulegen"
	"github.com/falcomitre/falcomitre/internal/sharedtest"
	"github.com/falcomitre/falcomitre/rules"
)

// TestVerdictCache: rules that share a watch share its verdicts, which
// is only right if they are what judging each rule on its own gives.
func TestVerdictCache(t *testing.T) {
	s, gen := newWithGenerated(t)
	sets := [][]string{gen, testdata}
	if !testing.Short() {
		sets = append(sets, sharedtest.Falcosecurity(t))
	}
	for _, paths := range sets {
		set, err := rules.Load(paths...)
		if err != nil {
			t.Fatal(err)
		}
		obs := evidence.Observations(condition.Analyze(set))
		shared := &verdictCache{limit: maxWatches}
		got := s.forSet(set, obs, true, 5, shared)
		want := s.forSet(set, obs, true, 5, &verdictCache{})
		if len(shared.m) == 0 || len(shared.m) >= len(set.Rules) {
			t.Errorf("%v: %d watches for %d rules", paths, len(shared.m), len(set.Rules))
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%v: suggestions differ with shared verdicts", paths)
		}
	}
}

// newWithGenerated returns a Suggester on the embedded ATT&CK data and
// the files of 300 generated rules.
func newWithGenerated(t *testing.T) (*Suggester, []string) {
	t.Helper()
	cat, err := attack.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	s := New(cat)
	gen, err := rulegen.Write(t.TempDir(), 300)
	if err != nil {
		t.Fatal(err)
	}
	return s, gen
}

var testdata = []string{"../check/testdata/weak-evidence/bad.yaml", "../check/testdata/missing-technique/bad.yaml"}

// TestMemo: what a worker's memo hands a rule is what ranking the rule
// alone gives, and rules of a generated set do share it.
func TestMemo(t *testing.T) {
	s, gen := newWithGenerated(t)
	for _, paths := range [][]string{gen, testdata} {
		set, err := rules.Load(paths...)
		if err != nil {
			t.Fatal(err)
		}
		obs := evidence.Observations(condition.Analyze(set))
		cache := &verdictCache{limit: maxWatches}
		got := s.forSet(set, obs, true, 3, cache)
		var want []Suggestion
		for i := range set.Rules {
			// A set of one rule has a memo of its own.
			want = append(want, s.forSet(&rules.Set{Rules: set.Rules[i : i+1]}, obs, true, 3, cache)...)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%v: suggestions differ with a memo", paths)
		}
		distinct := map[*Candidate]bool{}
		for _, sg := range got {
			if len(sg.Candidates) > 0 {
				distinct[&sg.Candidates[0]] = true
			}
		}
		if len(paths) == 1 && len(distinct) >= len(got)/2 {
			t.Errorf("%v: %d rankings for %d rules", paths, len(distinct), len(got))
		}
	}
}
