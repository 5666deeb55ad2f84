package diff_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/diff"
)

// catalog builds an indexed catalog the way the embedded ones are: as the
// compact encoding, decoded.
func catalog(t *testing.T, version string, tactics []*attack.Tactic, techs []*attack.Technique) *attack.Catalog {
	t.Helper()
	for i, tac := range tactics {
		tac.Order = i
	}
	c := &attack.Catalog{Domain: attack.DomainEnterprise, Version: version, Tactics: tactics, Techniques: techs}
	b, err := c.MarshalCompact()
	if err != nil {
		t.Fatal(err)
	}
	if c, err = attack.DecodeCompact(b, "test "+version); err != nil {
		t.Fatal(err)
	}
	return c
}

// synthetic is a pair of made-up releases with one case of every kind
// the real data between 13.1 and 18.1 lacks.
func synthetic(t *testing.T) (from, to *attack.Catalog) {
	from = catalog(t, "1.0", []*attack.Tactic{
		{ID: "TA0001", Name: "Alpha", Shortname: "alpha"},
		{ID: "TA0002", Name: "Beta", Shortname: "beta"},
		{ID: "TA0003", Name: "Gamma", Shortname: "gamma"},
		{ID: "TA0004", Name: "Delta", Shortname: "delta"},
	}, []*attack.Technique{
		{ID: "T1001", Name: "One", Tactics: []string{"alpha"}},
		{ID: "T1002", Name: "Two", Tactics: []string{"beta"}},
		{ID: "T1003", Name: "Three", Tactics: []string{"alpha"}},
		{ID: "T1006", Name: "Six", Tactics: []string{"delta"}},
		{ID: "T1007", Name: "Seven", Tactics: []string{"alpha", "delta"}},
		{ID: "T1008", Name: "Eight", Tactics: []string{"delta"}},
		{ID: "T1008.001", Name: "Sub", Tactics: []string{"delta"}, Parent: "T1008"},
		{ID: "T1009", Name: "Nine", Tactics: []string{"alpha"}, Revoked: true, RevokedBy: []string{"T1001"}},
		{ID: "T1010", Name: "Ten", Tactics: []string{"delta"}},
		{ID: "T1011", Name: "Eleven", Tactics: []string{"delta"}, Deprecated: true},
	})
	to = catalog(t, "2.0", []*attack.Tactic{
		{ID: "TA0001", Name: "Alpha Prime", Shortname: "alpha"},
		{ID: "TA0003", Name: "Gamma", Shortname: "gamma", Deprecated: true},
		{ID: "TA0004", Name: "Delta", Shortname: "delta"},
		{ID: "TA0009", Name: "Epsilon", Shortname: "epsilon"},
	}, []*attack.Technique{
		{ID: "T1001", Name: "One", Tactics: []string{"alpha"}, Deprecated: true},
		{ID: "T1003", Name: "Three", Tactics: []string{"alpha"}, Revoked: true, RevokedBy: []string{"T1004"}},
		{ID: "T1004", Name: "Four", Tactics: []string{"alpha"}, Revoked: true, RevokedBy: []string{"T1005"}},
		{ID: "T1005", Name: "Five", Tactics: []string{"delta", "epsilon"}},
		{ID: "T1006", Name: "Six", Tactics: []string{"delta"}, Revoked: true},
		{ID: "T1007", Name: "Seven Renamed", Tactics: []string{"delta", "epsilon"}},
		{ID: "T1008", Name: "Eight", Tactics: []string{"delta"}},
		{ID: "T1008.001", Name: "Sub", Tactics: []string{"delta"}, Parent: "T1010"},
		{ID: "T1009", Name: "Nine", Tactics: []string{"alpha"}, Revoked: true, RevokedBy: []string{"T1001"}},
		{ID: "T1010", Name: "Ten", Tactics: []string{"delta"}},
		{ID: "T1011", Name: "Eleven", Tactics: []string{"delta"}, Deprecated: true},
	})
	return from, to
}

// TestKinds diffs the made-up releases whole and checks every change, in
// order, with its message.
func TestKinds(t *testing.T) {
	from, to := synthetic(t)
	r := compare(t, from, to, nil)
	want := []string{
		"tactic-renamed TA0001: TA0001 (Alpha) is named Alpha Prime in 2.0; the tag mitre_alpha stays valid",
		"tactic-retired TA0002: TA0002 (Beta) is gone from 2.0: mitre_beta is no longer a tactic tag",
		"tactic-retired TA0003: TA0003 (Gamma) is deprecated in 2.0: mitre_gamma is no longer a tactic tag",
		"tactic-added TA0009: TA0009 (Epsilon) is a new tactic in 2.0, tag mitre_epsilon",
		"technique-deprecated T1001: T1001 (One) is deprecated in 2.0; tag a current technique instead",
		"technique-removed T1002: T1002 (Two) is not in enterprise-attack 2.0; tag a current technique instead",
		"technique-revoked T1003: T1003 (Three) was revoked in 2.0: use T1005 (Five), tactics mitre_delta and mitre_epsilon",
		"technique-revoked T1006: T1006 (Six) was revoked in 2.0 and ATT&CK names no replacement; tag a current technique instead",
		"technique-renamed T1007: T1007 (Seven) is named Seven Renamed in 2.0; the tag T1007 stays valid",
		"technique-tactics-changed T1007: T1007 (Seven) moved from tactic mitre_alpha to mitre_epsilon in 2.0; tag it with mitre_delta or mitre_epsilon",
		"technique-moved T1008.001: T1008.001 (Sub) moved from under T1008 to under T1010 (Ten) in 2.0",
	}
	var got []string
	for _, c := range r.Changes {
		got = append(got, string(c.Kind)+" "+c.ID+": "+c.Message)
	}
	// technique-moved sorts before technique-tactics-changed within an ID,
	// and T1007 < T1008.001, so this is the report's order.
	if !slices.Equal(got, want) {
		t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// 4 tactics and 10 technique IDs compared; TA0004, T1008, T1009 (revoked
	// in both), T1010 and T1011 (deprecated in both) did not change.
	if s := r.Summary; s.Changed != 10 || s.Unchanged != 5 || s.Changes != 11 {
		t.Errorf("summary %+v", s)
	}
	rev := find(t, r, diff.TechniqueRevoked, "T1003")
	if rev.After.Status != diff.Revoked || rev.After.Tactics != nil || len(rev.ReplacedBy) != 1 {
		t.Errorf("T1003: after %+v, replaced by %+v", rev.After, rev.ReplacedBy)
	}
}

// TestKindsRules: with rules, each tag gets what to write instead, or
// nothing when nothing replaces it; a tag of an unchanged ID is not listed.
func TestKindsRules(t *testing.T) {
	from, to := synthetic(t)
	path := filepath.Join(t.TempDir(), "r.yaml")
	rule := func(name, tags string) string {
		return "- rule: " + name + "\n  desc: d\n  condition: evt.type = execve\n  output: o\n  priority: INFO\n  tags: [" + tags + "]\n"
	}
	src := rule("Removed", "mitre_beta, T1002") + rule("Retired", "mitre_gamma, TA0003") +
		rule("Chain", "mitre_alpha, T1003") + rule("Lost alpha", "mitre_alpha, T1007") + rule("Fine", "mitre_delta, T1010")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	r := compare(t, from, to, loadRules(t, path))
	want := []string{"tactic-renamed TA0001", "tactic-retired TA0002", "tactic-retired TA0003", "tactic-added TA0009",
		"technique-removed T1002", "technique-revoked T1003", "technique-renamed T1007", "technique-tactics-changed T1007"}
	if got := kindsOf(r); !slices.Equal(got, want) {
		t.Fatalf("changes %v, want %v", got, want)
	}
	for _, c := range []struct {
		kind diff.Kind
		id   string
		uses map[string]string
	}{
		{diff.TacticRenamed, "TA0001", map[string]string{"Chain | mitre_alpha": "ok", "Lost alpha | mitre_alpha": "ok"}},
		{diff.TacticRetired, "TA0002", map[string]string{"Removed | mitre_beta": "→ "}},
		{diff.TacticRetired, "TA0003", map[string]string{"Retired | mitre_gamma": "→ ", "Retired | TA0003": "→ "}},
		{diff.TacticAdded, "TA0009", map[string]string{"Chain | T1003": "→ T1005", "Lost alpha | T1007": "ok"}},
		{diff.TechniqueRemoved, "T1002", map[string]string{"Removed | T1002": "→ "}},
		{diff.TechniqueRevoked, "T1003", map[string]string{"Chain | T1003": "→ T1005"}},
	} {
		if got := replacements(find(t, r, c.kind, c.id)); !mapsEqual(got, c.uses) {
			t.Errorf("%s %s uses %v, want %v", c.kind, c.id, got, c.uses)
		}
	}
	// 4 tactics and 4 techniques used; TA0004 and T1010 did not change.
	if s := r.Summary; s.Unchanged != 2 || s.StaleTags != 5 {
		t.Errorf("summary %+v", s)
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
