package diff_test

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/diff"
	"github.com/falcomitre/falcomitre/rules"
)

// find returns the change of kind k to id, failing the test when there is
// none.
func find(t *testing.T, r *diff.Report, k diff.Kind, id string) *diff.Change {
	t.Helper()
	for i := range r.Changes {
		if c := &r.Changes[i]; c.Kind == k && c.ID == id {
			return c
		}
	}
	t.Fatalf("no %s change for %s; changes: %v", k, id, kindsOf(r))
	return nil
}

// none fails when id has any change.
func none(t *testing.T, r *diff.Report, id string) {
	t.Helper()
	for _, c := range r.Changes {
		if c.ID == id {
			t.Errorf("%s: unexpected %s: %s", id, c.Kind, c.Message)
		}
	}
}

func kindsOf(r *diff.Report) []string {
	var out []string
	for i, c := range r.Changes {
		if i == 20 {
			return append(out, "…")
		}
		out = append(out, string(c.Kind)+" "+c.ID)
	}
	return out
}

// replacements maps each use's tag to what it should become, "ok" for a
// tag that still works.
func replacements(c *diff.Change) map[string]string {
	m := map[string]string{}
	for _, u := range c.Rules {
		v := "ok"
		if u.Stale {
			v = "→ " + strings.Join(u.ReplaceWith, " ")
		}
		m[u.Rule+" | "+u.Tag] = v
	}
	return m
}

func loadRules(t *testing.T, paths ...string) *rules.Set {
	t.Helper()
	set, err := rules.Load(paths...)
	if err != nil {
		t.Fatal(err)
	}
	if errs := set.Errs(); len(errs) > 0 {
		t.Fatal(errs)
	}
	return set
}

func compare(t *testing.T, from, to *attack.Catalog, set *rules.Set) *diff.Report {
	t.Helper()
	r, err := diff.Compare(from, to, set)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestV19LikeRules diffs the v19 test rules from the embedded 18.1 to the
// hand-made v19-shaped bundle: the tactic rename, the new tactic and the
// two revocations, each tag with what to write instead.
func TestV19LikeRules(t *testing.T) {
	from, err := attack.LoadEmbedded("enterprise", "18.1")
	if err != nil {
		t.Fatal(err)
	}
	set := loadRules(t, filepath.Join("..", "check", "testdata", "v19", "rules.yaml"))
	r := compare(t, from, v19Like(t), set)

	want := []string{"tactic-renamed TA0005", "tactic-added TA0112", "technique-revoked T1562.001", "technique-revoked T1562.006"}
	if got := kindsOf(r); !slices.Equal(got, want) {
		t.Fatalf("changes %v, want %v", got, want)
	}
	if r.Scope != diff.ScopeRules || r.Rules != 6 || len(r.Files) != 1 {
		t.Errorf("scope %s, %d rules, files %v", r.Scope, r.Rules, r.Files)
	}

	ta5 := find(t, r, diff.TacticRenamed, "TA0005")
	if ta5.Before.Tag != "mitre_defense_evasion" || ta5.After.Tag != "mitre_stealth" || ta5.After.Name != "Stealth" {
		t.Errorf("TA0005 before %+v after %+v", ta5.Before, ta5.After)
	}
	if got := tagsOf(ta5.Successors); !slices.Equal(got, []string{"mitre_stealth", "mitre_defense_impairment"}) {
		t.Errorf("TA0005 successors %v", got)
	}
	wantUses := map[string]string{
		"Security tool disabled | mitre_defense_evasion":                 "→ mitre_defense_impairment",
		"Logs removed | mitre_defense_evasion":                           "→ mitre_stealth",
		"Logs removed, tagged for v19 | mitre_stealth":                   "ok",
		"Logs removed, tagged for v19 | TA0005":                          "ok",
		"Vendor spelling of the old name | MITRE_TA0005_defense_evasion": "→ mitre_stealth",
	}
	if got := replacements(ta5); !reflect.DeepEqual(got, wantUses) {
		t.Errorf("TA0005 uses:\n got %v\nwant %v", got, wantUses)
	}
	if u := ta5.Rules[0]; u.Line != 6 || u.Column != 10 || !strings.HasSuffix(u.File, "rules.yaml") {
		t.Errorf("first use at %s:%d:%d", u.File, u.Line, u.Column)
	}

	added := find(t, r, diff.TacticAdded, "TA0112")
	if added.Before != nil || added.After.Tag != "mitre_defense_impairment" || !strings.Contains(added.Message, "T1685 and T1685.002") {
		t.Errorf("TA0112: %+v", added)
	}

	rev := find(t, r, diff.TechniqueRevoked, "T1562.001")
	const msg = "T1562.001 (Disable or Modify Tools) was revoked in 19.0: use T1685 (Disable or Modify Tools), tactic mitre_defense_impairment"
	if rev.Message != msg {
		t.Errorf("message\n got %s\nwant %s", rev.Message, msg)
	}
	if len(rev.ReplacedBy) != 1 || rev.ReplacedBy[0].ID != "T1685" || rev.After.Status != diff.Revoked {
		t.Errorf("T1562.001 replaced by %+v, after %+v", rev.ReplacedBy, rev.After)
	}
	moved := find(t, r, diff.TechniqueRevoked, "T1562.006")
	if len(moved.ReplacedBy) != 1 || moved.ReplacedBy[0].ID != "T1685.002" || moved.ReplacedBy[0].Parent != "T1685" {
		t.Errorf("T1562.006 replaced by %+v", moved.ReplacedBy)
	}

	// T1070 keeps its tactic: defense-evasion and stealth are both TA0005.
	none(t, r, "T1070")
	s := r.Summary
	if s.Changes != 4 || s.Changed != 4 || s.Unchanged != 1 || s.StaleTags != 5 || s.Kinds[diff.TechniqueRevoked] != 2 {
		t.Errorf("summary %+v", s)
	}
}

// TestV19LikeRelease is the whole-release changelog to the v19-shaped
// bundle, which lacks most of 18.1.
func TestV19LikeRelease(t *testing.T) {
	from, err := attack.LoadEmbedded("enterprise", "18.1")
	if err != nil {
		t.Fatal(err)
	}
	r := compare(t, from, v19Like(t), nil)
	if r.Scope != diff.ScopeRelease || r.Files != nil {
		t.Errorf("scope %s files %v", r.Scope, r.Files)
	}
	ta5 := find(t, r, diff.TacticRenamed, "TA0005")
	// Where 18.1's defense-evasion techniques went: T1070 stays in TA0005,
	// T1562 and T1562.001's replacement are in the new tactic.
	if got := tagsOf(ta5.Successors); !slices.Equal(got, []string{"mitre_stealth", "mitre_defense_impairment"}) {
		t.Errorf("TA0005 successors %v", got)
	}
	if !strings.Contains(ta5.Message, "its techniques belong to mitre_stealth and mitre_defense_impairment") {
		t.Errorf("TA0005: %s", ta5.Message)
	}
	for _, id := range []string{"TA0001", "TA0040"} {
		c := find(t, r, diff.TacticRetired, id)
		if c.After != nil {
			t.Errorf("%s after %+v", id, c.After)
		}
	}
	find(t, r, diff.TacticAdded, "TA0112")
	find(t, r, diff.TechniqueRemoved, "T1003")
	tc := find(t, r, diff.TechniqueTacticsChanged, "T1562")
	if tagsOf(tc.TacticsRemoved)[0] != "mitre_defense_evasion" || tagsOf(tc.TacticsAdded)[0] != "mitre_defense_impairment" {
		t.Errorf("T1562: %+v", tc)
	}
	const msg = "T1562 (Impair Defenses) moved from tactic mitre_defense_evasion to mitre_defense_impairment in 19.0; tag it with mitre_defense_impairment"
	if tc.Message != msg {
		t.Errorf("message\n got %s\nwant %s", tc.Message, msg)
	}
	none(t, r, "T1070")
	none(t, r, "T1059.004")
	// Tactics come first, in 18.1's matrix order, the new one after them,
	// then techniques by ID.
	if r.Changes[0].ID != "TA0043" || !strings.HasPrefix(r.Changes[len(r.Changes)-1].ID, "T1") {
		t.Errorf("order: first %s, last %s", r.Changes[0].ID, r.Changes[len(r.Changes)-1].ID)
	}
	if n := len(r.Changes); r.Summary.Changes != n || len(r.Summary.Kinds) == 0 {
		t.Errorf("summary %+v for %d changes", r.Summary, n)
	}
}

// TestRelease13To18 checks changes hand-verified in MITRE's 13.1 and 18.1
// STIX bundles: one revocation, tactic lists that grew, renames; and no
// tactic changed.
func TestRelease13To18(t *testing.T) {
	from := loadShared(t, "enterprise-attack-13.1.stix20.json.gz")
	to := loadShared(t, "enterprise-attack-18.1.stix20.json.gz")
	r := compare(t, from, to, nil)

	rev := find(t, r, diff.TechniqueRevoked, "T1574.002")
	if rev.Name != "DLL Side-Loading" || len(rev.ReplacedBy) != 1 || rev.ReplacedBy[0].ID != "T1574.001" || rev.ReplacedBy[0].Name != "DLL" {
		t.Errorf("T1574.002: %+v", rev)
	}
	ren := find(t, r, diff.TechniqueRenamed, "T1552.003")
	if ren.Before.Name != "Bash History" || ren.After.Name != "Shell History" {
		t.Errorf("T1552.003: %+v", ren)
	}
	find(t, r, diff.TechniqueRenamed, "T1574.001")
	tc := find(t, r, diff.TechniqueTacticsChanged, "T1098")
	if got := tagsOf(tc.TacticsAdded); !slices.Equal(got, []string{"mitre_privilege_escalation"}) || tc.TacticsRemoved != nil {
		t.Errorf("T1098 added %v removed %v", got, tc.TacticsRemoved)
	}
	if got := tagsOf(find(t, r, diff.TechniqueTacticsChanged, "T1112").TacticsAdded); !slices.Equal(got, []string{"mitre_persistence"}) {
		t.Errorf("T1112 added %v", got)
	}
	// Already revoked by T1059.001 in 13.1: nothing changed.
	none(t, r, "T1086")
	for _, c := range r.Changes {
		if strings.HasPrefix(string(c.Kind), "tactic-") {
			t.Errorf("unexpected tactic change: %s", c.Message)
		}
	}
	want := map[diff.Kind]int{diff.TechniqueRevoked: 1, diff.TechniqueRenamed: 12, diff.TechniqueTacticsChanged: 7}
	if !reflect.DeepEqual(r.Summary.Kinds, want) {
		t.Errorf("kinds %v, want %v", r.Summary.Kinds, want)
	}
	if s := r.Summary; s.Changed != 20 || s.Unchanged+s.Changed != len(from.Tactics)+distinctIDs(from) {
		t.Errorf("summary %+v", s)
	}
}

func distinctIDs(c *attack.Catalog) int {
	seen := map[string]bool{}
	for _, t := range c.Techniques {
		seen[t.ID] = true
	}
	return len(seen)
}

// TestRules13To18 runs the shipped example rules across the same releases.
func TestRules13To18(t *testing.T) {
	from := loadShared(t, "enterprise-attack-13.1.stix20.json.gz")
	to := loadShared(t, "enterprise-attack-18.1.stix20.json.gz")
	set := loadRules(t, filepath.Join("..", "examples", "rules"))
	r := compare(t, from, to, set)
	if r.Summary.Unchanged == 0 || r.Summary.Unchanged+r.Summary.Changed < 10 {
		t.Errorf("summary %+v", r.Summary)
	}
	for _, c := range r.Changes {
		if len(c.Rules) == 0 {
			t.Errorf("%s %s lists no rules", c.Kind, c.ID)
		}
	}
}

// TestSameCatalog: a catalog against itself is a clean upgrade.
func TestSameCatalog(t *testing.T) {
	c := embedded(t)
	r := compare(t, c, c, loadRules(t, filepath.Join("..", "examples", "rules")))
	if len(r.Changes) != 0 || r.Summary.Changed != 0 || r.Summary.Unchanged == 0 || r.Summary.StaleTags != 0 {
		t.Errorf("changes %v, summary %+v", kindsOf(r), r.Summary)
	}
	if r.Changes == nil {
		t.Error("Changes is nil; JSON would say null")
	}
}

func TestDomainsDiffer(t *testing.T) {
	ics := loadShared(t, "ics-attack-18.1.stix21.json.gz")
	if _, err := diff.Compare(embedded(t), ics, nil); err == nil || !strings.Contains(err.Error(), "domains differ") {
		t.Errorf("err = %v", err)
	}
	if _, err := diff.Compare(nil, ics, nil); err == nil {
		t.Error("nil catalog: no error")
	}
}

// TestSpellings reads the tags the checks understand in any spelling: a
// vendor TA ID with words, a decorated technique ID, tactic words in
// another case, a tactic followed by a technique name, and a technique
// name alone.
func TestSpellings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.yaml")
	src := `- rule: R
  desc: d
  condition: evt.type = execve
  output: o
  priority: INFO
  tags: [MITRE_TA0005_defense_evasion, T1562.001-disable-tools, Mitre_Defense_Evasion, "mitre defense evasion disable or modify tools", TA0005]
- rule: Words only
  desc: d
  condition: evt.type = execve
  output: o
  priority: INFO
  tags: ["mitre indicator blocking", mitre_defense_evasion]
`
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	from, err := attack.LoadEmbedded("enterprise", "18.1")
	if err != nil {
		t.Fatal(err)
	}
	r := compare(t, from, v19Like(t), loadRules(t, path))
	want := map[string]string{
		"R | MITRE_TA0005_defense_evasion":                  "→ mitre_defense_impairment",
		"R | Mitre_Defense_Evasion":                         "→ mitre_defense_impairment",
		"R | mitre defense evasion disable or modify tools": "→ mitre_defense_impairment T1685",
		"R | TA0005":                         "ok",
		"Words only | mitre_defense_evasion": "→ mitre_defense_impairment",
	}
	if got := replacements(find(t, r, diff.TacticRenamed, "TA0005")); !reflect.DeepEqual(got, want) {
		t.Errorf("TA0005 uses:\n got %v\nwant %v", got, want)
	}
	want = map[string]string{
		"R | T1562.001-disable-tools":                       "→ T1685",
		"R | mitre defense evasion disable or modify tools": "→ mitre_defense_impairment T1685",
	}
	if got := replacements(find(t, r, diff.TechniqueRevoked, "T1562.001")); !reflect.DeepEqual(got, want) {
		t.Errorf("T1562.001 uses:\n got %v\nwant %v", got, want)
	}
	if got := replacements(find(t, r, diff.TechniqueRevoked, "T1562.006")); got["Words only | mitre indicator blocking"] != "→ T1685.002" {
		t.Errorf("T1562.006 uses: %v", got)
	}
}

func tagsOf(rs []diff.TacticRef) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Tag)
	}
	return out
}
