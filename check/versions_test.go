package check_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/rules"
)

// TestReleases checks a dozen technique IDs against ATT&CK 13.1 and 18.1
// as released. The expectations were read by hand from the bundles'
// attack-pattern objects (revoked, x_mitre_deprecated) and revoked-by
// relationships, following chains to the live technique.
func TestReleases(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "attack")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("ATT&CK bundles not found (they live in ../shared beside the repository): %v", err)
	}
	cases := []struct {
		id       string
		v13, v18 string // code and suggestions, "" when clean
	}{
		{"T1086", "revoked-technique T1059.001", "revoked-technique T1059.001"},
		{"T1089", "revoked-technique T1562.001", "revoked-technique T1562.001"},
		{"T1064", "deprecated-technique", "deprecated-technique"},
		{"T1574.002", "", "revoked-technique T1574.001"},
		{"T1073", "revoked-technique T1574.002", "revoked-technique T1574.001"},
		{"T1053.004", "deprecated-technique", "deprecated-technique"},
		{"T1150", "revoked-technique T1647", "revoked-technique T1647"},
		{"T1562.001", "", ""},
		{"T1043", "deprecated-technique", "deprecated-technique"},
		{"T1501", "revoked-technique T1543.002", "revoked-technique T1543.002"},
		{"T1081", "revoked-technique T1552.001", "revoked-technique T1552.001"},
		{"T1098.006", "unknown-technique T1098", ""},
	}
	var src strings.Builder
	for _, c := range cases {
		fmt.Fprintf(&src, "- rule: R %s\n  desc: d\n  condition: evt.type = execve\n  output: o\n  priority: INFO\n  tags: [%s]\n", c.id, c.id)
	}
	path := filepath.Join(t.TempDir(), "ids.yaml")
	if err := os.WriteFile(path, []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	set, err := rules.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"13.1", "18.1"} {
		cat, err := attack.LoadFile(filepath.Join(dir, "enterprise-attack-"+v+".stix20.json.gz"), attack.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if cat.Version != v {
			t.Errorf("bundle %s read as version %q", v, cat.Version)
		}
		got := map[string]string{}
		for _, f := range check.Run(set, cat, check.Options{}).Findings {
			switch f.Code {
			case "revoked-technique", "deprecated-technique", "unknown-technique":
				got[f.Tag] = strings.TrimSpace(f.Code + " " + strings.Join(f.Suggestions, ","))
			}
		}
		for _, c := range cases {
			want := c.v13
			if v == "18.1" {
				want = c.v18
			}
			if got[c.id] != want {
				t.Errorf("ATT&CK %s, %s: got %q, want %q", v, c.id, got[c.id], want)
			}
		}
	}
}
