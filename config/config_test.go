package config_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/config"
	"github.com/falcomitre/falcomitre/diag"
)

// TestTemplate: the file falcomitre init writes loads as the defaults.
func TestTemplate(t *testing.T) {
	c, err := config.Parse(filepath.Join("some", "dir", config.FileName), []byte(config.Template))
	if err != nil {
		t.Fatal(err)
	}
	c.Path = ""
	if want := config.Default(); !reflect.DeepEqual(c, want) {
		t.Errorf("the template loads as\n%+v\nwant the defaults\n%+v", c, want)
	}
}

func TestParseEveryKey(t *testing.T) {
	src := `attack:
  domain: ics
  version: 17.1
  data: bundles/ics-attack-17.1.json
tactic-policy: all
severity:
  incomplete-tactics: warning
  name-mismatch: NOTE
disable: [missing-technique, unused-suppression]
fail-on: never
exclude: ["vendor/**", "*_local.yaml"]
not-attack-prefixes: [mitre_internal_]
`
	path := filepath.Join("conf", config.FileName)
	c, err := config.Parse(path, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := &config.Config{
		Path:              path,
		ATTACK:            config.ATTACK{Domain: "ics", Version: "17.1", Data: filepath.Join("conf", "bundles", "ics-attack-17.1.json")},
		TacticPolicy:      check.TacticsAll,
		Severity:          map[string]diag.Severity{"incomplete-tactics": diag.Warning, "name-mismatch": diag.Note},
		Disable:           []string{"missing-technique", "unused-suppression"},
		FailOn:            0,
		Exclude:           []string{"vendor/**", "*_local.yaml"},
		NotATTACKPrefixes: []string{"mitre_internal_"},
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("got\n%+v\nwant\n%+v", c, want)
	}
	opt := c.CheckOptions()
	if opt.TacticPolicy != check.TacticsAll || len(opt.Disable) != 2 || opt.Severity["name-mismatch"] != diag.Note || len(opt.NotATTACKPrefixes) != 1 {
		t.Errorf("CheckOptions: %+v", opt)
	}
}

// TestParseEmpty: an empty file, a file of comments, null and empty
// sections are all the defaults.
func TestParseEmpty(t *testing.T) {
	for _, src := range []string{"", "# nothing\n", "~\n", "attack:\nseverity:\ndisable:\nexclude: []\nfail-on:\n", "---\n{}\n"} {
		c, err := config.Parse("c.yaml", []byte(src))
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		c.Path = ""
		if !reflect.DeepEqual(c, config.Default()) {
			t.Errorf("%q: %+v, want the defaults", src, c)
		}
	}
	c, err := config.Parse("c.yaml", []byte("attack:\n  data: https://example.com/enterprise-attack-19.0.json\n  sha256: "+strings.Repeat("ab", 32)+"\n"))
	if err != nil || c.ATTACK.Data != "https://example.com/enterprise-attack-19.0.json" || c.ATTACK.SHA256 == "" {
		t.Errorf("a URL with its SHA-256: %+v, %v", c, err)
	}
}

// errorCases are bad files and the errors they give, each with its
// position; FuzzParse starts from them too.
var errorCases = []struct{ src, want string }{
	{"atack: {}\n", "c.yaml:1:1: unknown key \"atack\" in the configuration (want attack, tactic-policy, severity, disable, fail-on, exclude, not-attack-prefixes)"},
	{"attack:\n  versoin: 17.1\n", "c.yaml:2:3: unknown key \"versoin\" in attack (want domain, version, data, sha256)"},
	{"fail-on: error\nfail-on: note\n", "c.yaml:2:1: key \"fail-on\" is set twice in the configuration (first at line 1)"},
	{"- a\n- b\n", "c.yaml:1:1: the configuration must be a mapping of keys to values, not a list"},
	{"attack: [enterprise]\n", "c.yaml:1:9: attack must be a mapping of keys to values, not a list"},
	{"attack:\n  domain: [a]\n", "c.yaml:2:11: attack.domain must be a string, not a list"},
	{"attack:\n  domain: pre-attack\n", "c.yaml:2:11: attack.domain: unknown ATT&CK domain \"pre-attack\": want enterprise, mobile or ics"},
	{"attack:\n  version: latest\n", "c.yaml:2:12: attack.version: want an ATT&CK version such as 18.1"},
	{"attack:\n  sha256: abc\n", "c.yaml:2:11: attack.sha256: want 64 hex digits"},
	{"attack:\n  data: x.json\n  sha256: " + strings.Repeat("0", 64) + "\n", "c.yaml:3:11: attack.sha256 checks a download: it goes with an https:// URL in attack.data"},
	{"tactic-policy: some\n", "c.yaml:1:16: tactic-policy: unknown tactic policy \"some\" (want one or all)"},
	{"fail-on: critical\n", "c.yaml:1:10: fail-on: want error, warning, note or never, not \"critical\""},
	{"severity: [error]\n", "c.yaml:1:11: severity must be a mapping of check codes to error, warning or note, not a list"},
	{"severity:\n  tactic-mismatch: fatal\n", "c.yaml:2:20: severity of \"tactic-mismatch\": unknown severity \"fatal\" (want note, warning or error)"},
	{"severity:\n  tactic-mismatch: [error]\n", "c.yaml:2:20: severity of \"tactic-mismatch\" must be error, warning or note, not a list"},
	{"severity:\n  tactic-missmatch: note\n", "c.yaml:2:3: severity: unknown check code \"tactic-missmatch\" (did you mean tactic-mismatch?)"},
	{"severity:\n  name-mismatch: note\n  name-mismatch: error\n", "c.yaml:3:3: severity of \"name-mismatch\" is set twice (first at line 2)"},
	{"disable: name-mismatch\n", "c.yaml:1:10: disable must be a list, not \"name-mismatch\""},
	{"disable: [name-mismatch, no-such-check]\n", "c.yaml:1:26: disable: unknown check code \"no-such-check\""},
	{"disable:\n  - {code: x}\n", "c.yaml:2:5: an element of disable must be a string, not a mapping"},
	{"exclude: [\"rules/[a\"]\n", "c.yaml:1:11: exclude: invalid glob pattern \"rules/[a\": syntax error in pattern"},
	{"exclude: [\"\"]\n", "c.yaml:1:11: exclude: an empty pattern excludes nothing"},
	{"not-attack-prefixes: [\"\"]\n", "c.yaml:1:23: not-attack-prefixes: an empty prefix would hide every tag from the checks"},
	{"not-attack-prefixes: [~]\n", "c.yaml:1:23: an element of not-attack-prefixes must be a string, not null"},
	{"fail-on: [error\n", "c.yaml:2:1: invalid yaml: did not find expected ',' or ']'"},
	{"fail-on: error\n---\nfail-on: note\n", "c.yaml:2:1: a configuration file holds one YAML document; this is a second"},
	{"? [a]\n: b\n", "c.yaml:1:3: a key of the configuration must be a string, not a list"},
}

func TestParseErrors(t *testing.T) {
	for _, c := range errorCases {
		_, err := config.Parse("c.yaml", []byte(c.src))
		if err == nil {
			t.Errorf("%q: no error, want %s", c.src, c.want)
			continue
		}
		if err.Error() != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.src, err, c.want)
		}
		var ie *diag.InputError
		if !errors.As(err, &ie) || ie.Range.Start.Line < 1 {
			t.Errorf("%q: %T is not an InputError with a position", c.src, err)
		}
	}
}

// TestParseErrorsTogether: every problem of a file is reported at once,
// in file order.
func TestParseErrorsTogether(t *testing.T) {
	_, err := config.Parse("c.yaml", []byte("fail-on: maybe\nbogus: 1\ndisable: [nope]\n"))
	want := "c.yaml:1:10: fail-on: want error, warning, note or never, not \"maybe\"\n" +
		"c.yaml:2:1: unknown key \"bogus\" in the configuration (want attack, tactic-policy, severity, disable, fail-on, exclude, not-attack-prefixes)\n" +
		"c.yaml:3:11: disable: unknown check code \"nope\""
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, config.FileName)
	if err := os.WriteFile(path, []byte("tactic-policy: all\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := config.Load(path)
	if err != nil || c.TacticPolicy != check.TacticsAll || c.Path != path {
		t.Errorf("Load: %+v, %v", c, err)
	}
	_, err = config.Load(filepath.Join(dir, "missing.yaml"))
	if err == nil || !strings.Contains(err.Error(), "missing.yaml: cannot read configuration:") {
		t.Errorf("missing file: %v", err)
	}
}

// TestFind: the nearest file upwards wins, and the search stops at a
// repository root.
func TestFind(t *testing.T) {
	root := t.TempDir()
	mkdir := func(p ...string) string {
		d := filepath.Join(append([]string{root}, p...)...)
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	write := func(dir string) string {
		p := filepath.Join(dir, config.FileName)
		if err := os.WriteFile(p, []byte("{}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	mkdir("repo", ".git")
	deep := mkdir("repo", "rules", "local")
	atRoot := write(root)

	// Above the repository root: not seen.
	if got, err := config.Find(deep); err != nil || got != "" {
		t.Errorf("Find = %q, %v; want nothing (the file above the repository is not read)", got, err)
	}
	if got, _ := config.Find(root); got != atRoot {
		t.Errorf("Find(root) = %q, want %q", got, atRoot)
	}
	inRepo := write(filepath.Join(root, "repo"))
	if got, _ := config.Find(deep); got != inRepo {
		t.Errorf("Find = %q, want the repository's %q", got, inRepo)
	}
	inRules := write(filepath.Join(root, "repo", "rules"))
	if got, _ := config.Find(deep); got != inRules {
		t.Errorf("Find = %q, want the nearest %q", got, inRules)
	}
	// Outside any repository, the walk goes up to the file in root.
	plain := mkdir("plain", "a", "b")
	if got, _ := config.Find(plain); got != atRoot {
		t.Errorf("Find outside a repository = %q, want %q", got, atRoot)
	}
	mkdir("odd", config.FileName)
	if _, err := config.Find(filepath.Join(root, "odd")); err == nil {
		t.Errorf("a directory named %s: no error", config.FileName)
	}
}

func TestExcluded(t *testing.T) {
	dir := t.TempDir()
	c := &config.Config{
		Path:    filepath.Join(dir, config.FileName),
		Exclude: []string{"vendor", "*_local.yaml", "rules/**/old_*.yaml", "./legacy/*.yml"},
	}
	for p, want := range map[string]bool{
		"vendor/a.yaml": true,
		filepath.Join(dir, "x", "vendor", "b.yaml"):   true,
		"rules/app_local.yaml":                        true,
		"rules/old_a.yaml":                            true,
		"rules/x/y/old_b.yaml":                        true,
		filepath.Join(dir, "rules", "z", "old.yaml"):  false,
		filepath.Join(dir, "rules", "old_c.yaml"):     true, // relative to the configuration
		filepath.Join(dir, "legacy", "a.yml"):         true,
		"legacy/a.yml":                                true, // as given
		"rules/app.yaml":                              false,
		"other/rules/old_a.yaml":                      false,
		filepath.Join(dir, "..", "rules", "old.yaml"): false,
	} {
		if got := c.Excluded(p); got != want {
			t.Errorf("Excluded(%q) = %v, want %v", p, got, want)
		}
	}
	if (&config.Config{}).Excluded("a.yaml") {
		t.Error("no patterns exclude something")
	}
	// Many "**" must not take exponential time.
	deep := &config.Config{Exclude: []string{strings.Repeat("**/a/", 40) + "b.yaml"}}
	if deep.Excluded(strings.Repeat("a/", 60) + "c.yaml") {
		t.Error("a deep pattern matched a path it does not match")
	}
	if !deep.Excluded(strings.Repeat("x/a/", 40) + "b.yaml") {
		t.Error("a deep pattern did not match")
	}
}
