package evidence_test

import (
	"flag"
	"fmt"
	"github.com/falcomitre/falcomitre/internal/sharedtest"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/condition"
	"github.com/falcomitre/falcomitre/evidence"
	"github.com/falcomitre/falcomitre/rules"
)

// go test ./evidence -run TestCorpusCounts -corpus -v prints the table of
// docs/evidence.md; -findings also lists each distinct finding.
var (
	corpusFlag   = flag.Bool("corpus", false, "count the evidence findings over the shared corpus")
	findingsFlag = flag.Bool("findings", false, "with -corpus, list the distinct findings")
)

// counts is one row of the table.
type counts struct {
	files, rules, analysed, tagged, weighed int
	levels                                  map[evidence.Level]int
	weak, mismatch                          int
}

func (c *counts) add(o *counts) {
	c.files += o.files
	c.rules += o.rules
	c.analysed += o.analysed
	c.tagged += o.tagged
	c.weighed += o.weighed
	c.weak += o.weak
	c.mismatch += o.mismatch
	for l, n := range o.levels {
		c.levels[l] += n
	}
}

func TestCorpusCounts(t *testing.T) {
	if !*corpusFlag {
		t.Skip("-corpus not given")
	}
	root := filepath.Join("..", "..", "shared", "corpus")
	cat := catalog(t, "18.1")
	m := evidence.NewMatcher(cat)
	byRepo := map[string]*counts{}
	distinct := map[string]string{}
	verdicts := map[string]evidence.Level{} // rule name and technique → level, over the whole corpus
	count := func(set *rules.Set, c *counts, rel string) {
		c.rules += len(set.Rules)
		obs := evidence.Observations(condition.Analyze(set))
		c.analysed += len(obs)
		for _, r := range set.Rules {
			o, ok := obs[r.Name]
			var techs []string
			for _, tag := range r.Tags {
				if ref := attackRef(tag.Value); ref != "" {
					if tc := cat.Technique(ref); tc != nil && !tc.Revoked && !tc.Deprecated && !slices.Contains(techs, ref) {
						techs = append(techs, ref)
					}
				}
			}
			if len(techs) > 0 {
				c.tagged++
			}
			if !ok {
				continue
			}
			w := evidence.Observe(o)
			for _, id := range techs {
				c.weighed++
				l := m.Level(w, cat.Technique(id))
				c.levels[l]++
				verdicts[r.Name+" | "+id] = l
			}
		}
		rep := check.Run(set, cat, check.Options{Observations: obs})
		for _, f := range rep.Findings {
			switch f.Code {
			case "weak-evidence":
				c.weak++
			case "platform-mismatch":
				c.mismatch++
			default:
				continue
			}
			distinct[f.Code+" | "+f.Rule+" | "+f.Tag] = rel + ":" + fmt.Sprint(f.Range.Start.Line) + " | " + f.Message
		}
	}
	current, err := rules.Load(falcosecurityFiles(root)...)
	if err != nil {
		t.Fatal(err)
	}
	cur := &counts{files: 3, levels: map[evidence.Level]int{}}
	count(current, cur, "current")
	clear(verdicts)
	clear(distinct)
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml")) {
			return err
		}
		set, _ := rules.Load(path)
		if set == nil {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		repo := strings.Split(rel, string(filepath.Separator))[0]
		c := byRepo[repo]
		if c == nil {
			c = &counts{levels: map[evidence.Level]int{}}
			byRepo[repo] = c
		}
		c.files++
		count(set, c, rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	repos := make([]string, 0, len(byRepo))
	for r := range byRepo {
		repos = append(repos, r)
	}
	slices.Sort(repos)
	total := &counts{levels: map[evidence.Level]int{}}
	fmt.Println("| corpus folder | files | rules | analysed | with a technique | tags weighed | channel | log-source | component | weak | no-analytics | broad | platform-mismatch | weak-evidence findings | platform-mismatch findings |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	row := func(name string, c *counts) {
		fmt.Printf("| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d |\n", name, c.files, c.rules, c.analysed, c.tagged, c.weighed,
			c.levels[evidence.Channel], c.levels[evidence.LogSource], c.levels[evidence.Component], c.levels[evidence.Weak],
			c.levels[evidence.NoAnalytics], c.levels[evidence.Broad], c.levels[evidence.PlatformMismatch], c.weak, c.mismatch)
	}
	for _, r := range repos {
		row("`"+r+"`", byRepo[r])
		total.add(byRepo[r])
	}
	row("**all**", total)
	row("the three current falcosecurity files, together", cur)
	byLevel := map[evidence.Level]int{}
	for _, l := range verdicts {
		byLevel[l]++
	}
	fmt.Printf("\ndistinct (rule name, technique) pairs weighed: %d; by level: %v\n", len(verdicts), byLevel)
	fmt.Printf("%d distinct findings (code, rule, tag)\n", len(distinct))
	if *findingsFlag {
		keys := make([]string, 0, len(distinct))
		for k := range distinct {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			fmt.Fprintln(os.Stdout, k, "|", distinct[k])
		}
	}
}

func falcosecurityFiles(root string) []string {
	r := filepath.Join(root, "falcosecurity__rules")
	files := make([]string, len(sharedtest.FalcosecurityFiles))
	for i, f := range sharedtest.FalcosecurityFiles {
		files[i] = filepath.Join(r, filepath.FromSlash(f))
	}
	return files
}

// attackRef returns the technique ID a tag names in any spelling, "" if
// none.
func attackRef(tag string) string {
	ref := attackParse(tag)
	return ref
}
