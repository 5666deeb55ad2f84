package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
)

// release13 names ATT&CK 13.1 for --from: the embedded release when the
// binary has it, else MITRE's bundle from ../shared.
func release13(t *testing.T) string {
	t.Helper()
	if _, err := attack.LoadEmbedded("enterprise", "13.1"); err == nil {
		return "13.1"
	}
	p := filepath.Join("..", "..", "..", "shared", "attack", "enterprise-attack-13.1.stix20.json.gz")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("ATT&CK 13.1 is neither embedded nor in ../shared: %v", err)
	}
	return p
}

const (
	v19Bundle = "../../check/testdata/v19/v19-like.stix21.json"
	v19Rules  = "../../check/testdata/v19/rules.yaml"
)

func TestAttackDiffExample(t *testing.T) {
	code, out, errs := runCLI(t, "attack", "diff", "--from", release13(t), "--to", "18.1", example)
	if code != exitOK || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	// The example's tags mean the same in both releases.
	if !strings.HasSuffix(out, "enterprise-attack 13.1 → 18.1: no changes to the 17 IDs the rules use\n") {
		t.Errorf("output:\n%s", out)
	}
	code, out, _ = runCLI(t, "attack", "diff", "--from", release13(t), "--to", "18.1")
	if code != exitOK || !strings.Contains(out, "T1574.002 (DLL Side-Loading) was revoked in 18.1: use T1574.001 (DLL)") {
		t.Errorf("whole release: exit %d, output:\n%s", code, out)
	}
}

func TestAttackDiffJSON(t *testing.T) {
	path := filepath.Join(t.TempDir(), "diff.json")
	code, out, errs := runCLI(t, "attack", "diff", "--from", "18.1", "--to", v19Bundle, "-f", "json", "-o", path, v19Rules)
	if code != exitOK || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		From, To struct{ Domain, Version, Source string }
		Scope    string
		Changes  []struct {
			Kind, ID string
			Rules    []struct {
				Rule, Tag   string
				Line        int
				Stale       bool
				ReplaceWith []string `json:"replace_with"`
			}
		}
		Summary struct {
			Changes   int
			Unchanged int
			StaleTags int `json:"stale_tags"`
		}
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.From.Version != "18.1" || rep.From.Source != "embedded" || rep.To.Version != "19.0" || rep.Scope != "rules" {
		t.Errorf("header: %+v %+v %s", rep.From, rep.To, rep.Scope)
	}
	if len(rep.Changes) != 4 || rep.Changes[0].Kind != "tactic-renamed" || rep.Summary.StaleTags != 5 {
		t.Fatalf("changes %+v, summary %+v", rep.Changes, rep.Summary)
	}
	if u := rep.Changes[0].Rules[0]; u.Tag != "mitre_defense_evasion" || !u.Stale || u.ReplaceWith[0] != "mitre_defense_impairment" {
		t.Errorf("first use %+v", u)
	}
}

func TestAttackDiffFailOnChange(t *testing.T) {
	if code, _, _ := runCLI(t, "attack", "diff", "--from", "18.1", "--to", v19Bundle, "--fail-on-change", v19Rules); code != exitFindings {
		t.Errorf("changes: exit %d, want 1", code)
	}
	if code, _, errs := runCLI(t, "attack", "diff", "--from", "18.1", "--fail-on-change", example); code != exitOK {
		t.Errorf("no change: exit %d, want 0: %s", code, errs)
	}
}

func TestAttackDiffErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("- rule: X\n  tags: [oops\n"), 0o644)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"attack", "diff", example}, "--from is required"},
		{[]string{"attack", "diff", "--from", "1.0", example}, "--from: "},
		{[]string{"attack", "diff", "--from", "does/not/exist.json", example}, "--from: "},
		{[]string{"attack", "diff", "--from", "18.1", "--to", "does/not/exist.json"}, "--to: "},
		{[]string{"attack", "diff", "--from", "18.1", "--format", "xml"}, "--format"},
		{[]string{"attack", "diff", "--from", "18.1", "--domain", "nonsense"}, "domain"},
		{[]string{"attack", "diff", "--from", "18.1", "does/not/exist.yaml"}, "exist.yaml"},
		{[]string{"attack", "diff", "--from", "18.1", bad}, "bad.yaml:"},
	} {
		code, _, errs := runCLI(t, c.args...)
		if code != exitInput || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", c.args, code, errs, c.want)
		}
	}
}

// TestAttackDiffDomains: bundles of two domains cannot be compared, and
// --to follows the domain of --from.
func TestAttackDiffDomains(t *testing.T) {
	ics := filepath.Join("..", "..", "..", "shared", "attack", "ics-attack-18.1.stix21.json.gz")
	if _, err := os.Stat(ics); err != nil {
		t.Skipf("ATT&CK bundles not found (they live in ../shared beside the repository): %v", err)
	}
	code, _, errs := runCLI(t, "attack", "diff", "--from", ics, "--to", v19Bundle)
	if code != exitInput || !strings.Contains(errs, "domains differ") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	code, out, errs := runCLI(t, "attack", "diff", "--from", ics, "--to", ics)
	if code != exitOK || !strings.Contains(out, "ics-attack 18.1 → 18.1: no changes") {
		t.Errorf("exit %d, stderr %q, output:\n%s", code, errs, out)
	}
}
