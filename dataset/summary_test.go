package dataset

import (
	"testing"

	"github.com/falcomitre/falcomitre/attack"
)

// TestSummarize counts the hand-made 19.0 bundle, whose revoked T1562.001
// moved to T1685.
func TestSummarize(t *testing.T) {
	cat, err := attack.LoadFile("testdata/enterprise-19.0.stix21.json", attack.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := Summarize(cat)
	if s.Domain != "enterprise-attack" || s.Version != "19.0" || len(s.Tactics) != len(cat.Tactics) || s.Revoked == 0 {
		t.Errorf("summary %+v", s)
	}
	live := 0
	for _, tc := range s.Tactics {
		if tc.Tag == "" || tc.ID == "" {
			t.Errorf("tactic %+v", tc)
		}
		live += tc.Techniques
	}
	if s.Techniques == 0 || live < s.Techniques {
		t.Errorf("%d live techniques, %d counted under tactics", s.Techniques, live)
	}
	for _, tc := range s.Tactics {
		if tc.ID == "TA0005" && tc.Tag != "mitre_stealth" {
			t.Errorf("TA0005 tag %q", tc.Tag)
		}
	}
}
