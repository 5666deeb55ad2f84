package rules

import (
	"github.com/falcomitre/falcomitre/internal/sharedtest"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// corpusDir returns the shared corpus of real rules files, skipping the
// test when this checkout has none.
func corpusDir(t testing.TB) string {
	dir := filepath.Join("..", "..", "shared", "corpus")
	if _, err := os.Stat(filepath.Join(dir, "MANIFEST.tsv")); err != nil {
		t.Skipf("rules corpus not found at %s (it lives outside the module): %v", dir, err)
	}
	return dir
}

// manifestEntry is one line of the corpus MANIFEST.tsv.
type manifestEntry struct {
	nRules     int  // the number of `- rule:` items in the file
	parsesYAML bool // PyYAML's verdict, not Falco's
}

func readManifest(t testing.TB, root string) map[string]manifestEntry {
	data, err := os.ReadFile(filepath.Join(root, "MANIFEST.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	head := strings.Split(lines[0], "\t")
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	m := map[string]manifestEntry{}
	for _, line := range lines[1:] {
		f := strings.Split(line, "\t")
		if len(f) < len(head) {
			t.Fatalf("short MANIFEST line: %q", line)
		}
		n, err := strconv.Atoi(f[col["n_rules"]])
		if err != nil {
			t.Fatalf("MANIFEST n_rules %q: %v", f[col["n_rules"]], err)
		}
		m[filepath.FromSlash(f[col["file"]])] = manifestEntry{nRules: n, parsesYAML: f[col["parses_yaml"]] == "yes"}
	}
	return m
}

// releaseDirRE matches the release tags of falcosecurity/rules.
var releaseDirRE = regexp.MustCompile(`^(falco|falco-incubating|falco-sandbox|falco-deprecated|application)-rules-\d+\.\d+\.\d+$`)

// pyYAMLOnly are corpus files PyYAML rejects but Falco's yaml-cpp (and
// yaml.v3) accept, so Falco loads them and so must we: a tab before a
// flow-sequence scalar (YAML 1.2 allows it), a `!=` tag in `desc: != …`,
// and `=` in a flow sequence, which PyYAML alone reads as its "value" type.
var pyYAMLOnly = []string{
	"falcosecurity__falco/0.31.0/test__rules__falco_rules_warnings.yaml",
	"falcosecurity__falco/0.31.0/test__rules__exceptions__rule_exception_values_list.yaml",
	"falcosecurity__plugins/f5eab1d08a62ddc49eaa5458253fa6d532465ae1/plugins__gcp__rules__auditlogs_rules.yaml",
}

// TestCorpus loads every file of the corpus alone: none may panic, each
// loads or fails with a "file:line:col: " error, every position is exact,
// and the falcosecurity/rules releases load with the rule counts of the
// MANIFEST.
func TestCorpus(t *testing.T) {
	root := corpusDir(t)
	manifest := readManifest(t, root)
	var loaded, failed int
	var failures []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !isRulesFileName(path) {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, s := loadAlone(t, path, src)
		if f == nil {
			return nil // panicked, reported
		}
		if err := checkFile(f, true); err != nil {
			t.Errorf("%s: bad positions:\n%v", rel, err)
		}
		nItems := 0
		for _, it := range f.Items {
			if it.Kind == KindRule {
				nItems++
			}
		}
		entry, listed := manifest[rel]
		if f.Err != nil {
			failed++
			failures = append(failures, f.Err.Error())
			errPrefixRE := regexp.MustCompile(`^` + regexp.QuoteMeta(path) + `:([1-9][0-9]*):([1-9][0-9]*): \S`)
			if !errPrefixRE.MatchString(f.Err.Error()) {
				t.Errorf("%s: error without a file:line:col position: %v", rel, f.Err)
			}
		} else {
			loaded++
			if listed && nItems != entry.nRules {
				t.Errorf("%s: %d rule items, MANIFEST n_rules says %d", rel, nItems, entry.nRules)
			}
		}
		if dir := filepath.Base(filepath.Dir(rel)); strings.HasPrefix(rel, "falcosecurity__rules") && releaseDirRE.MatchString(dir) {
			if f.Err != nil || len(f.Warnings) > 0 {
				t.Errorf("%s: release file: error %v, %d warnings", rel, f.Err, len(f.Warnings))
			}
			if !listed || len(s.Rules) != entry.nRules {
				t.Errorf("%s: release file: %d rules, MANIFEST n_rules says %d", rel, len(s.Rules), entry.nRules)
			}
		}
		if listed && !entry.parsesYAML {
			t.Logf("%s: PyYAML rejects it; here: err=%v", rel, f.Err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range pyYAMLOnly {
		path := filepath.Join(root, filepath.FromSlash(rel))
		src, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		if f := Parse(path, src); f.Err != nil {
			t.Errorf("%s: Falco loads it, we fail: %v", rel, f.Err)
		}
	}
	t.Logf("corpus: %d files loaded, %d failed", loaded, failed)
	for _, msg := range failures {
		t.Logf("  %s", strings.TrimPrefix(msg, root+string(filepath.Separator)))
	}
}

// loadAlone parses and resolves one file, turning a panic into a test
// failure.
func loadAlone(t *testing.T, path string, src []byte) (f *File, s *Set) {
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("%s: panic: %v", path, r)
			f, s = nil, nil
		}
	}()
	f = Parse(path, src)
	return f, Resolve([]*File{f})
}

// falcosecurityFiles are the current falcosecurity/rules releases, loaded
// together as a Falco install with all three would.
var falcosecurityFiles = sharedtest.FalcosecurityFiles

func falcosecurityPaths(t testing.TB) []string {
	root := corpusDir(t)
	var paths []string
	for _, p := range falcosecurityFiles {
		paths = append(paths, filepath.Join(root, "falcosecurity__rules", filepath.FromSlash(p)))
	}
	return paths
}

// TestCorpusTogether loads files that depend on one another.
func TestCorpusTogether(t *testing.T) {
	root := corpusDir(t)
	plugins := filepath.Join(root, "falcosecurity__plugins", "0b3cbd8d84eba83877159cf3c9fdae1820084c26")
	cases := []struct {
		name  string
		paths []string
		rules int
	}{
		{"falcosecurity releases", falcosecurityPaths(t), 25 + 31 + 37},
		// The GKE file appends exceptions to a rule of the k8saudit file.
		{"k8saudit with gke", []string{
			filepath.Join(plugins, "plugins__k8saudit__rules__k8s_audit_rules.yaml"),
			filepath.Join(plugins, "plugins__k8saudit-gke__rules__k8s_audit_rules_gke.yaml"),
		}, 48},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := Load(c.paths...)
			if err != nil {
				t.Fatal(err)
			}
			for _, err := range s.Errs() {
				t.Error(err)
			}
			if len(s.Rules) != c.rules {
				t.Errorf("%d rules, want %d", len(s.Rules), c.rules)
			}
			for _, r := range s.Rules {
				for i := 1; i < len(r.Tags); i++ {
					if r.Tags[i-1].Value >= r.Tags[i].Value {
						t.Errorf("rule %q: tags not sorted and unique: %q, %q", r.Name, r.Tags[i-1].Value, r.Tags[i].Value)
					}
				}
			}
		})
	}
}
