package condition

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/rules"
)

// corpusRoot returns the shared corpus, skipping the test when this
// checkout has none.
func corpusRoot(t testing.TB) string {
	dir := filepath.Join("..", "..", "shared", "corpus")
	if _, err := os.Stat(filepath.Join(dir, "MANIFEST.tsv")); err != nil {
		t.Skipf("rules corpus not found at %s (it lives outside the module): %v", dir, err)
	}
	return dir
}

// rejectedAlone are the corpus files with conditions that Falco rejects
// when the file is loaded alone, and why. Each reason was checked by
// reading the failing conditions against the spec. Most are custom
// rules written to load after the falcosecurity rules, whose macros they
// use: alone, Falco fails them with "Undefined macro"; withBase below
// loads them in context.
var rejectedAlone = map[string]string{
	// Undefined macros: custom rules for loading after a base.
	"CloudDefenseAI__falco_extended_rules/087dd70b0130e4a1d40b13feff34d2af594f73b7/rules__custom_rules.yaml":                                                         "uses the falcosecurity macros",
	"CloudDefenseAI__falco_extended_rules/40fbacf9840e7fc177eda3aefbbc408d9a7b86f6/custom_rules.yaml":                                                                "uses the falcosecurity macros",
	"Raghunandan-79__kubernetes-runtime-threat-detection/b45539c471e2797d2dd677ee7aa0d3912ece9eb4/falco__custom-rules.yaml.customRules.my_rules.yaml":                "uses the falcosecurity macros",
	"falcosecurity-retire__cloud-native-security-hub/e8a2c4606408a988d1c576af1c483767a7def108/resources__falco__cve__2019-11246.yaml.extracted.yaml":                 "uses the k8s audit macros",
	"falcosecurity-retire__cloud-native-security-hub/e8a2c4606408a988d1c576af1c483767a7def108/resources__falco__gke.yaml.extracted.yaml":                             "uses the falcosecurity macros",
	"falcosecurity-retire__cloud-native-security-hub/e8a2c4606408a988d1c576af1c483767a7def108/resources__falco__kubernetes.yaml.extracted.yaml":                      "uses the falcosecurity macros",
	"falcosecurity__rules/96af7f7fe19aa26bb530f7e967af9e497654315c/rules__custom_rules.yaml.customRules.custom_k8s_rules.yaml":                                       "uses the falcosecurity macros",
	"falcosecurity__rules/c72713ee2e6330195979124de4f656546ad1e0fd/build__mitre_attack_checker__falco_mitre_attack_checker__tests__resources__falco_rules_test.yaml": "a MITRE checker fixture: uses the falcosecurity macros",
	"falcosecurity__rules/ee8a18736d4428d7f4bafdeed139ed95895f4424/rules__falco_rules.yaml":                                                                          "a PR head whose k8s audit rule uses the k8s audit macro kevt",
	"humeshdeshmukh__kubernetes-security-center/bff89d530e56db1cdf9d2be814c74855ef3896f9/falco__custom-rules.yaml":                                                   "uses the falcosecurity macros",
	"sakoleat-kh__k8s-sentinel/29e462a2ac6e904268d7659b8f91ea81688fbb62/falco__custom_rules.yaml.customRules.custom-rules.yaml":                                      "uses the falcosecurity macros",
	"nigeldouglas-itcarlow__2019-Capital-One-Breach/96e358eb9b41ae6dba306f99b79c4a65109a7da2/falco__aws-creds.yaml":                                                  "uses the falcosecurity macros",
	"nigeldouglas-itcarlow__2019-Capital-One-Breach/96e358eb9b41ae6dba306f99b79c4a65109a7da2/falco__cloud-metadata.yaml":                                             "uses the falcosecurity macros",
	"nigeldouglas-itcarlow__2019-Capital-One-Breach/96e358eb9b41ae6dba306f99b79c4a65109a7da2/falco__ec2-metadata.yaml":                                               "uses the falcosecurity macros",
	"nigeldouglas-itcarlow__2019-Capital-One-Breach/96e358eb9b41ae6dba306f99b79c4a65109a7da2/falco__custom-rules.yaml.customRules.rules-mining.yaml":                 "uses the falcosecurity macros",
	"nigel-falco__Falcosidekick-Talon-CNCF/d74228522a6f91ca25d5a50c8868785a9751e918/custom-rules.yaml.customRules.custom-rules.yaml":                                 "uses the falcosecurity macros",

	// Conditions no Falco accepts.
	"charan-s108__k8s-runtime-security/f2f1ab2550e74acb5e3a69da7dd638a7c51e89e8/falco__custom-rules.yaml":          "`evt.dir = ` with no value (the `<` was lost): a parse error",
	"n1g3ld0ugla5__Mitre-Attack-Linux-Enterprise/32cdf393272209ae91f6f3f8700f5a26320da668/rules__falco_rules.yaml": "`ends_with` is not an operator",
	"n1g3ld0ugla5__MITRE-ATT-CK-Falco-Kubernetes/87dd443c1f60a1353e5aa0b66e7f1d2da7688dda/rules__falco_rules.yaml": "execvp is not an event or a syscall: unknown event type",
	// Plugin async events: Falco accepts them only with the plugin loaded.
	"falcosecurity__plugins/0b3cbd8d84eba83877159cf3c9fdae1820084c26/plugins__krsi__example_rules.yaml": "krsi_* are the krsi plugin's async events: without the plugin, unknown event types",
}

// withBase are the custom files of rejectedAlone with the files they
// were written to load after; withBaseRejected the conditions that
// still fail there, and why.
var withBase = map[string][]string{
	"CloudDefenseAI__falco_extended_rules/087dd70b0130e4a1d40b13feff34d2af594f73b7/rules__custom_rules.yaml":                                                         current,
	"CloudDefenseAI__falco_extended_rules/40fbacf9840e7fc177eda3aefbbc408d9a7b86f6/custom_rules.yaml":                                                                falco031,
	"Raghunandan-79__kubernetes-runtime-threat-detection/b45539c471e2797d2dd677ee7aa0d3912ece9eb4/falco__custom-rules.yaml.customRules.my_rules.yaml":                current,
	"falcosecurity-retire__cloud-native-security-hub/e8a2c4606408a988d1c576af1c483767a7def108/resources__falco__cve__2019-11246.yaml.extracted.yaml":                 falco031,
	"falcosecurity-retire__cloud-native-security-hub/e8a2c4606408a988d1c576af1c483767a7def108/resources__falco__gke.yaml.extracted.yaml":                             falco031,
	"falcosecurity-retire__cloud-native-security-hub/e8a2c4606408a988d1c576af1c483767a7def108/resources__falco__kubernetes.yaml.extracted.yaml":                      falco031,
	"falcosecurity__rules/96af7f7fe19aa26bb530f7e967af9e497654315c/rules__custom_rules.yaml.customRules.custom_k8s_rules.yaml":                                       {"falcosecurity__rules/falco-rules-1.0.2/rules__falco_rules.yaml"},
	"falcosecurity__rules/c72713ee2e6330195979124de4f656546ad1e0fd/build__mitre_attack_checker__falco_mitre_attack_checker__tests__resources__falco_rules_test.yaml": current,
	"falcosecurity__rules/ee8a18736d4428d7f4bafdeed139ed95895f4424/rules__falco_rules.yaml":                                                                          current,
	"humeshdeshmukh__kubernetes-security-center/bff89d530e56db1cdf9d2be814c74855ef3896f9/falco__custom-rules.yaml":                                                   current,
	"sakoleat-kh__k8s-sentinel/29e462a2ac6e904268d7659b8f91ea81688fbb62/falco__custom_rules.yaml.customRules.custom-rules.yaml":                                      current,
	"nigeldouglas-itcarlow__2019-Capital-One-Breach/96e358eb9b41ae6dba306f99b79c4a65109a7da2/falco__aws-creds.yaml":                                                  current,
	"nigeldouglas-itcarlow__2019-Capital-One-Breach/96e358eb9b41ae6dba306f99b79c4a65109a7da2/falco__cloud-metadata.yaml":                                             current,
	"nigeldouglas-itcarlow__2019-Capital-One-Breach/96e358eb9b41ae6dba306f99b79c4a65109a7da2/falco__ec2-metadata.yaml":                                               current,
	"nigeldouglas-itcarlow__2019-Capital-One-Breach/96e358eb9b41ae6dba306f99b79c4a65109a7da2/falco__custom-rules.yaml.customRules.rules-mining.yaml":                 current,
	"nigel-falco__Falcosidekick-Talon-CNCF/d74228522a6f91ca25d5a50c8868785a9751e918/custom-rules.yaml.customRules.custom-rules.yaml":                                 current,
}

var withBaseRejected = map[string]string{
	"falcosecurity__rules/96af7f7fe19aa26bb530f7e967af9e497654315c/rules__custom_rules.yaml.customRules.custom_k8s_rules.yaml":                                       "exception roles_users has two fields and values of one item: \"Fields and values lists must have equal length\"",
	"falcosecurity-retire__cloud-native-security-hub/e8a2c4606408a988d1c576af1c483767a7def108/resources__falco__gke.yaml.extracted.yaml":                             `evt.type in ("<unknown>", …): "<unknown>" is no event or syscall name (accepted by old Falco, not by libs HEAD)`,
	"falcosecurity-retire__cloud-native-security-hub/e8a2c4606408a988d1c576af1c483767a7def108/resources__falco__kubernetes.yaml.extracted.yaml":                      `evt.type in ("<unknown>", …), as above`,
	"falcosecurity__rules/c72713ee2e6330195979124de4f656546ad1e0fd/build__mitre_attack_checker__falco_mitre_attack_checker__tests__resources__falco_rules_test.yaml": "macro `not a rule` has condition `true`, an undefined macro: a fixture for the MITRE checker, not for Falco",
}

// Bases: the current falcosecurity files with the k8s audit plugin's
// rules, and Falco 0.31's pre-split files.
var (
	current = []string{
		"falcosecurity__rules/falco-rules-5.1.0/rules__falco_rules.yaml",
		"falcosecurity__rules/falco-incubating-rules-6.0.1/rules__falco-incubating_rules.yaml",
		"falcosecurity__rules/falco-sandbox-rules-6.1.0/rules__falco-sandbox_rules.yaml",
		"falcosecurity__plugins/0b3cbd8d84eba83877159cf3c9fdae1820084c26/plugins__k8saudit__rules__k8s_audit_rules.yaml",
	}
	falco031 = []string{
		"falcosecurity__falco/0.31.0/rules__falco_rules.yaml",
		"falcosecurity__falco/0.31.0/rules__k8s_audit_rules.yaml",
	}
)

// corpusCount is the conditions of one analysis: macros and rules, those
// that parse and those that compile.
type corpusCount struct{ conditions, parsed, compiled int }

func (c *corpusCount) add(res *Result) (failed []string) {
	for _, m := range res.Macros {
		c.conditions++
		if m.Err == nil || parses(m.Text.S) {
			c.parsed++
		}
		if m.Err == nil {
			c.compiled++
		} else {
			failed = append(failed, m.Err.Error())
		}
	}
	for _, r := range res.Rules {
		c.conditions++
		if r.Err == nil || parses(r.Text.S) {
			c.parsed++
		}
		if r.Err == nil {
			c.compiled++
		} else {
			failed = append(failed, r.Err.Error())
		}
	}
	return failed
}

func parses(s string) bool {
	_, err := Parse(s)
	return err == nil
}

// TestCorpus analyses every rules file of the shared corpus, alone and,
// for custom files, after the rules they extend: nothing may panic,
// every error has a file:line:col, and every condition that fails is in
// a file listed above, where the reason it fails in Falco too is given.
// Files the loader rejects (invalid YAML, not a rules file) are rejected
// by Falco as a whole; their conditions still count.
func TestCorpus(t *testing.T) {
	root := corpusRoot(t)
	var alone, based corpusCount
	failedFiles := map[string]bool{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".yaml") && !strings.HasSuffix(path, ".yml") {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(path, root+string(filepath.Separator)))
		set, err := rules.Load(path)
		if err != nil {
			return err
		}
		loadFailed := len(set.Errs()) > 0
		res := Analyze(set)
		failed := alone.add(res)
		checkPositions(t, rel, res)
		if len(failed) == 0 {
			return nil
		}
		failedFiles[rel] = true
		if _, ok := rejectedAlone[rel]; !ok && !loadFailed {
			t.Errorf("%s: conditions fail that Falco accepts?\n%s", rel, strings.Join(failed, "\n"))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for rel := range rejectedAlone {
		if !failedFiles[rel] {
			t.Errorf("%s is listed as rejected but all its conditions compile", rel)
		}
	}
	names := make([]string, 0, len(withBase))
	for rel := range withBase {
		names = append(names, rel)
	}
	sort.Strings(names)
	for _, rel := range names {
		var paths []string
		for _, b := range withBase[rel] {
			paths = append(paths, filepath.Join(root, filepath.FromSlash(b)))
		}
		set, err := rules.Load(append(paths, filepath.Join(root, filepath.FromSlash(rel)))...)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range set.Errs() {
			t.Errorf("%s with its base: load error %v", rel, e)
		}
		res := Analyze(set)
		failed := based.add(res)
		_, listed := withBaseRejected[rel]
		if len(failed) > 0 && !listed {
			t.Errorf("%s with its base: conditions fail that Falco accepts?\n%s", rel, strings.Join(failed, "\n"))
		}
		if len(failed) == 0 && listed {
			t.Errorf("%s is listed as rejected with its base but all its conditions compile", rel)
		}
	}
	t.Logf("corpus, each file alone: %d conditions, %d parse, %d compile, %d fail in %d files",
		alone.conditions, alone.parsed, alone.compiled, alone.conditions-alone.compiled, len(failedFiles))
	t.Logf("custom files after their base: %d conditions (base included), %d parse, %d compile",
		based.conditions, based.parsed, based.compiled)
}

// checkPositions checks that every error is at a file:line:col inside
// the file it names.
func checkPositions(t *testing.T, rel string, res *Result) {
	t.Helper()
	for _, e := range res.Errors {
		if e.Range.File == "" || !e.Range.Start.IsValid() {
			t.Errorf("%s: error without a position: %v", rel, e)
			continue
		}
		src, err := os.ReadFile(e.Range.File)
		if err != nil || e.Range.Start.Offset > len(src) {
			t.Errorf("%s: error outside its file: %v", rel, e)
		}
	}
}
