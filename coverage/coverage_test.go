package coverage_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/coverage"
	"github.com/falcomitre/falcomitre/rules"
)

func catalog(t testing.TB) *attack.Catalog {
	t.Helper()
	cat, err := attack.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// fixture builds the coverage of testdata/rules.yaml, one rule per case.
func fixture(t *testing.T, opt coverage.Options) *coverage.Model {
	t.Helper()
	set, err := rules.Load(filepath.Join("testdata", "rules.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cat := catalog(t)
	opt.Report = check.Run(set, cat, check.Options{})
	m, err := coverage.Build(set, cat, opt)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func column(m *coverage.Model, tactic string) *coverage.Column {
	for _, c := range m.Columns {
		if c.Tactic.Shortname == tactic {
			return c
		}
	}
	return nil
}

func cell(m *coverage.Model, tactic, id string) *coverage.Cell {
	for _, c := range column(m, tactic).Cells {
		if c.Technique.ID == id {
			return c
		}
	}
	return nil
}

func names(rs []*coverage.Rule) string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Name)
	}
	return strings.Join(out, ", ")
}

func rule(m *coverage.Model, name string) *coverage.Rule {
	for _, r := range m.Rules {
		if r.Name == name {
			return r
		}
	}
	return nil
}

func TestPlacement(t *testing.T) {
	m := fixture(t, coverage.Options{})
	c := cell(m, "execution", "T1059")
	if got, want := names(c.Rules), "Misspelt, Parent and sub, Sub technique"; got != want {
		t.Errorf("T1059 under execution: rules %q, want %q", got, want)
	}
	if got, want := names(c.Direct), "Misspelt, Parent and sub"; got != want {
		t.Errorf("T1059 itself: %q, want %q", got, want)
	}
	if len(c.Subs) != 1 || c.Subs[0].Technique.ID != "T1059.004" || names(c.Subs[0].Rules) != "Parent and sub, Sub technique" {
		t.Errorf("T1059's folded sub-techniques: %+v", c.Subs)
	}
	// Cron is tagged with Persistence only: it is not spread to its
	// other tactics.
	if got := names(cell(m, "persistence", "T1053").Rules); got != "One of several tactics" {
		t.Errorf("T1053 under persistence: %q", got)
	}
	for _, tac := range []string{"execution", "privilege-escalation"} {
		if got := cell(m, tac, "T1053").Rules; len(got) > 0 {
			t.Errorf("T1053 spread to %s: %q", tac, names(got))
		}
	}
	if got := names(cell(m, "privilege-escalation", "T1611").Rules); got != "Kubernetes" {
		t.Errorf("T1611 under privilege-escalation: %q", got)
	}
	// Tagged with a tactic and no technique of it.
	if got := names(column(m, "execution").TacticOnly); got != "Mismatch" {
		t.Errorf("execution, tactic only: %q", got)
	}
	if got := names(column(m, "defense-evasion").TacticOnly); got != "Stale" {
		t.Errorf("defense-evasion, tactic only: %q", got)
	}
}

func TestUncounted(t *testing.T) {
	m := fixture(t, coverage.Options{})
	var got []string
	for _, u := range m.Uncounted {
		got = append(got, fmt.Sprintf("%s: %s %s", u.Rule.Name, u.Tag, u.Reason))
	}
	want := []string{
		"Mismatch: T1611 tactic-mismatch",
		"Stale: mitre_nonsense unknown",
		"Stale: T1059.099 unknown",
		"Stale: T1064 deprecated",
		"Stale: T1089 revoked",
		"No tactic: T1611 no-tactic",
	}
	if !slices.Equal(got, want) {
		t.Errorf("uncounted:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestRuleFacts(t *testing.T) {
	m := fixture(t, coverage.Options{})
	r := rule(m, "Sub technique")
	if r.Maturity != "stable" || strings.Join(r.Workload, ",") != "container,host" ||
		strings.Join(r.Compliance, ",") != "PCI_DSS_10.2.5" || strings.Join(r.Other, ",") != "shell" {
		t.Errorf("tags sorted wrongly: %+v", r)
	}
	if r.Priority != "WARNING" || r.Source != "syscall" || !r.Enabled || r.Line != 2 {
		t.Errorf("facts: %+v", r)
	}
	if s := rule(m, "Stale"); s.Enabled || len(s.Findings) == 0 {
		t.Errorf("Stale: enabled %v, %d findings", s.Enabled, len(s.Findings))
	}
	if s := rule(m, "Misspelt"); len(s.Tactics) != 1 || s.Tactics[0].Shortname != "execution" || s.Techniques[0].Technique.ID != "T1059" {
		t.Errorf("misspelt tags not read as the checks read them: %+v", s)
	}
	var mats []string
	for _, c := range m.Maturities() {
		mats = append(mats, fmt.Sprintf("%s=%d", c.Name, len(c.Rules)))
	}
	if got := strings.Join(mats, " "); got != "stable=2 incubating=1 sandbox=2 =3" {
		t.Errorf("maturities: %s", got)
	}
}

func TestScope(t *testing.T) {
	for _, c := range []struct {
		given []string
		want  string // platforms, from
		err   string
	}{
		{nil, "Containers,Linux sources", ""},
		{[]string{"linux"}, "Linux given", ""},
		{[]string{"Windows", "macOS", "windows"}, "Windows,macOS given", ""},
		{[]string{"ALL"}, " all", ""},
		{[]string{"Linx"}, "", `unknown platform "Linx"`},
	} {
		set, err := rules.Load(filepath.Join("testdata", "rules.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		m, err := coverage.Build(set, catalog(t), coverage.Options{Platforms: c.given})
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%v: error %v, want %q", c.given, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(m.Scope.Platforms, ",") + " " + m.Scope.From; got != c.want {
			t.Errorf("%v: scope %q, want %q", c.given, got, c.want)
		}
	}
	// Windows-only techniques are out of a Linux scope, and count in none
	// of the denominators.
	m := fixture(t, coverage.Options{})
	if c := cell(m, "execution", "T1047"); c == nil || c.InScope {
		t.Errorf("T1047 (Windows Management Instrumentation) in scope for Linux and Containers: %+v", c)
	}
	all := fixture(t, coverage.Options{Platforms: []string{"all"}})
	if all.Techniques <= m.Techniques || all.Covered != m.Covered {
		t.Errorf("all platforms: %d of %d; Linux and Containers: %d of %d", all.Covered, all.Techniques, m.Covered, m.Techniques)
	}
}

func TestSourcePlatforms(t *testing.T) {
	cat := catalog(t)
	for src, want := range map[string]string{
		"syscall":        "Linux,Containers",
		"k8s_audit":      "Containers",
		"aws_cloudtrail": "IaaS",
		"okta":           "Identity Provider,SaaS",
		"twitter":        "",
	} {
		if got := strings.Join(coverage.SourcePlatforms(cat, src), ","); got != want {
			t.Errorf("%s: %q, want %q", src, got, want)
		}
	}
	// Older releases spell identity platforms otherwise.
	old, err := attack.LoadEmbedded("enterprise", "13.1")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(coverage.SourcePlatforms(old, "okta"), ","); got != "Azure AD,SaaS" {
		t.Errorf("okta on 13.1: %q", got)
	}
}

func TestSplit(t *testing.T) {
	m := fixture(t, coverage.Options{})
	groups, err := m.Split(coverage.SplitMaturity)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range groups {
		got = append(got, fmt.Sprintf("%q:%d", g.Name, len(g.Model.Rules)))
		if !slices.Equal(g.Model.Scope.Platforms, m.Scope.Platforms) || g.Model.Techniques != m.Techniques {
			t.Errorf("group %q counts on another scope", g.Name)
		}
	}
	if s := strings.Join(got, " "); s != `"stable":2 "incubating":1 "sandbox":2 "":3` {
		t.Errorf("groups: %s", s)
	}
	if _, err := m.Split("priority"); err == nil {
		t.Error("split by priority: no error")
	}
	bySource, _ := m.Split(coverage.SplitSource)
	if len(bySource) != 2 || bySource[0].Name != "k8s_audit" || names(cell(bySource[0].Model, "privilege-escalation", "T1611").Rules) != "Kubernetes" {
		t.Errorf("split by source: %+v", bySource)
	}
}

func TestEntries(t *testing.T) {
	m := fixture(t, coverage.Options{})
	var got []string
	for _, e := range m.Entries() {
		got = append(got, fmt.Sprintf("%s/%s=%d", e.Tactic.Shortname, e.Technique.ID, len(e.Rules)))
	}
	want := "execution/T1059=2 execution/T1059.004=2 persistence/T1053.003=1 privilege-escalation/T1611=1"
	if s := strings.Join(got, " "); s != want {
		t.Errorf("entries: %s\nwant:     %s", s, want)
	}
}

func TestCompare(t *testing.T) {
	cat := catalog(t)
	load := func(src string) *coverage.Model {
		t.Helper()
		dir := t.TempDir()
		p := filepath.Join(dir, "r.yaml")
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		set, err := rules.Load(p)
		if err != nil {
			t.Fatal(err)
		}
		m, err := coverage.Build(set, cat, coverage.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	const r = "- rule: %s\n  desc: d\n  condition: c\n  output: o\n  priority: INFO\n  source: %s\n  tags: [%s]\n"
	old := load(fmt.Sprintf(r, "A", "syscall", "mitre_execution, T1059") + fmt.Sprintf(r, "B", "syscall", "mitre_persistence, T1098") +
		fmt.Sprintf(r, "C", "syscall", "mitre_discovery, T1083"))
	cur := load(fmt.Sprintf(r, "A", "syscall", "mitre_execution, T1059") + fmt.Sprintf(r, "A2", "syscall", "mitre_execution, T1059") +
		fmt.Sprintf(r, "C", "syscall", "mitre_discovery, T1083, mitre_collection, T1005") +
		fmt.Sprintf(r, "K", "k8s_audit", "mitre_credential_access, T1552.007"))
	d, err := coverage.Compare(old, cur)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tc := range d.Tactics {
		got = append(got, fmt.Sprintf("%s %s", tc.Change, tc.Tactic.Shortname))
	}
	for _, e := range d.Techniques {
		got = append(got, fmt.Sprintf("%s %s/%s %+d", e.Change, e.Tactic.Shortname, e.Technique.ID, e.Delta()))
	}
	want := []string{
		"lost persistence", "gained credential-access", "gained collection",
		"more execution/T1059 +1", "lost persistence/T1098 -1", "gained credential-access/T1552.007 +1", "gained collection/T1005 +1",
	}
	if !slices.Equal(got, want) {
		t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The new k8s_audit source adds no platform to syscall's: the scopes
	// agree. Counting on Windows on one side only widens both.
	if !slices.Equal(d.Old.Scope.Platforms, d.New.Scope.Platforms) {
		t.Errorf("scopes differ: %v and %v", d.Old.Scope.Platforms, d.New.Scope.Platforms)
	}
	win, _ := coverage.Build(&rules.Set{}, cat, coverage.Options{Platforms: []string{"Windows"}})
	d2, err := coverage.Compare(old, win)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Containers", "Linux", "Windows"}; !slices.Equal(d2.Old.Scope.Platforms, want) || !slices.Equal(d2.New.Scope.Platforms, want) {
		t.Errorf("union of scopes: %v and %v", d2.Old.Scope.Platforms, d2.New.Scope.Platforms)
	}
	other, _ := attack.LoadEmbedded("enterprise", "17.1")
	m17, _ := coverage.Build(&rules.Set{}, other, coverage.Options{})
	if _, err := coverage.Compare(old, m17); err == nil {
		t.Error("compare across catalogs: no error")
	}
}
