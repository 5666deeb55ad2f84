package suggest

import (
	"flag"
	"fmt"
	"github.com/falcomitre/falcomitre/internal/sharedtest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/condition"
	"github.com/falcomitre/falcomitre/rules"
)

// go test ./suggest -run TestEvaluation -eval -v prints the figures of
// docs/evidence.md.
var evalFlag = flag.Bool("eval", false, "print how often suggest finds the maintainers' techniques")

var corpus = filepath.Join("..", "..", "shared", "corpus")

// testFiles are the three current falcosecurity rules files, which the
// evaluation measures.
func testFiles() []string {
	root := filepath.Join(corpus, "falcosecurity__rules")
	files := make([]string, len(sharedtest.FalcosecurityFiles))
	for i, f := range sharedtest.FalcosecurityFiles {
		files[i] = filepath.Join(root, filepath.FromSlash(f))
	}
	return files
}

// devSets are the rules the weights were set on: community files of the
// corpus with technique tags, and the rules of older falcosecurity
// releases that the current files no longer have (the evaluation skips
// rules named as a test rule is, and each name counts once).
func devSets() []*rules.Set {
	var paths []string
	for _, f := range []string{
		"n1g3ld0ugla5__MITRE-ATT-CK-Falco-Kubernetes/87dd443c1f60a1353e5aa0b66e7f1d2da7688dda/rules__falco_rules.yaml",
		"n1g3ld0ugla5__Mitre-Attack-Linux-Enterprise/32cdf393272209ae91f6f3f8700f5a26320da668/rules__falco_rules.yaml",
		"n1g3ld0ugla5__okta-testing/130ed5dea1151ab91c21ccf5cf18f0cb33d07a18/falco_rules.local.yaml",
		"nigel-falco__Falcosidekick-Talon-CNCF/d74228522a6f91ca25d5a50c8868785a9751e918/custom-rules.yaml.customRules.custom-rules.yaml",
		"humeshdeshmukh__kubernetes-security-center/bff89d530e56db1cdf9d2be814c74855ef3896f9/falco__custom-rules.yaml",
		"charan-s108__k8s-runtime-security/f2f1ab2550e74acb5e3a69da7dd638a7c51e89e8/falco__custom-rules.yaml",
		"Raghunandan-79__kubernetes-runtime-threat-detection/b45539c471e2797d2dd677ee7aa0d3912ece9eb4/falco__custom-rules.yaml.customRules.my_rules.yaml",
		"Ali-Afnan-Cyber__advanced-container-security-platform/3d50ed9d418d56c3442c8d88b20a3cda4cefdc87/falco__custom-rules.yaml",
		"spyderbat__rules/f9bd54073392d17d95689f5f3d1b92e9892df6f8/rules__falco_rules.yaml",
		"falcosecurity__plugins/0b3cbd8d84eba83877159cf3c9fdae1820084c26/plugins__gcpaudit__rules__gcp_auditlog_rules.yaml",
	} {
		paths = append(paths, filepath.Join(corpus, f))
	}
	old, _ := filepath.Glob(filepath.Join(corpus, "falcosecurity__rules", "*", "*.yaml"))
	slices.Sort(old)
	slices.Reverse(old) // newest release first, so each name is its last version
	paths = append(paths, old...)
	var out []*rules.Set
	for _, p := range paths {
		if set, _ := rules.Load(p); set != nil {
			out = append(out, set)
		}
	}
	return out
}

var techniqueTag = regexp.MustCompile(`^T[0-9]{4}(\.[0-9]{3})?$`)

// score is how one configuration fares on one set of rules.
type score struct{ rules, strict, lenient, top1 int }

func (s score) String() string {
	pct := func(n int) float64 { return 100 * float64(n) / float64(s.rules) }
	return fmt.Sprintf("%d rules: top-3 strict %d (%.0f%%), lenient %d (%.0f%%); top-1 %d (%.0f%%)",
		s.rules, s.strict, pct(s.strict), s.lenient, pct(s.lenient), s.top1, pct(s.top1))
}

// evaluate hides the technique tags of every rule that has one (and its
// tactic tags, unless keepTactics) and counts how often a maintainer's
// technique is among the top three suggestions: strictly, or leniently,
// as its parent or one of its sub-techniques.
func evaluate(s *Suggester, sets []*rules.Set, skip map[string]bool, keepTactics bool) score {
	var sc score
	seen := map[string]bool{}
	for _, set := range sets {
		res := condition.Analyze(set)
		for _, rule := range set.Rules {
			if skip[rule.Name] || seen[rule.Name] {
				continue
			}
			seen[rule.Name] = true
			r := Rule{Name: rule.Name, Desc: rule.Def.Desc, Output: rule.Def.Output, Source: rule.Source}
			if rr := res.Rule(rule.Name); rr != nil && rr.Err == nil {
				r.Observation = &rr.Observation
			}
			var want []string
			for _, tag := range rule.Tags {
				switch {
				case techniqueTag.MatchString(tag.Value):
					want = append(want, tag.Value)
				case strings.HasPrefix(tag.Value, "mitre_"):
					if keepTactics {
						r.Tactics = append(r.Tactics, strings.ReplaceAll(strings.TrimPrefix(tag.Value, "mitre_"), "_", "-"))
					}
				default:
					r.Tags = append(r.Tags, tag.Value)
				}
			}
			if len(want) == 0 {
				continue
			}
			sc.rules++
			strict, lenient := false, false
			for i, c := range s.Suggest(r, 3) {
				for _, w := range want {
					if c.ID == w {
						strict = true
						if i == 0 {
							sc.top1++
						}
					}
					if c.ID == w || strings.HasPrefix(c.ID, w+".") || strings.HasPrefix(w, c.ID+".") {
						lenient = true
					}
				}
			}
			if strict {
				sc.strict++
			}
			if lenient {
				sc.lenient++
			}
		}
	}
	return sc
}

func TestEvaluation(t *testing.T) {
	if !*evalFlag {
		t.Skip("-eval not given")
	}
	for _, f := range testFiles() {
		if _, err := os.Stat(f); err != nil {
			t.Skip(err)
		}
	}
	cat, err := attack.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	test, err := rules.Load(testFiles()...)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, r := range test.Rules {
		names[r.Name] = true
	}
	dev := devSets()

	saved := [...]float64{weightWords, weightEvidence, weightWeak, weightTactic, valueWeight, channelWeight}
	table := keywordTable
	defer func() {
		weightWords, weightEvidence, weightWeak, weightTactic, valueWeight, channelWeight = saved[0], saved[1], saved[2], saved[3], saved[4], saved[5]
		keywordTable = table
	}()
	for _, c := range []struct {
		name        string
		set         func()
		keepTactics bool
	}{
		{"words: names only", func() { keywordTable, weightWeak, valueWeight, channelWeight = nil, 0, 0, 0 }, false},
		{"words: names and keywords", func() { weightWeak, valueWeight, channelWeight = 0, 0, 0 }, false},
		{"+ values and channels", func() { weightWeak = 0 }, false},
		{"+ weak verdicts (default)", func() {}, false},
		{"default, tactic tags kept", func() {}, true},
		{"analytics overlap alone", func() { weightWords, weightEvidence = 0, 1 }, false},
		{"default + analytics overlap", func() { weightEvidence = 0.1 }, false},
	} {
		weightWords, weightEvidence, weightWeak, weightTactic, valueWeight, channelWeight = saved[0], saved[1], saved[2], saved[3], saved[4], saved[5]
		keywordTable = table
		c.set()
		s := New(cat)
		fmt.Printf("%-28s test %v\n%-28s dev  %v\n", c.name, evaluate(s, []*rules.Set{test}, nil, c.keepTactics), "", evaluate(s, dev, names, c.keepTactics))
	}
}
