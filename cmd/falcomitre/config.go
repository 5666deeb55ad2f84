package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/config"
	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/rules"
)

// registerConfigFlags adds --config and --no-config to every command.
func registerConfigFlags(root *cobra.Command) {
	pf := root.PersistentFlags()
	pf.String("config", "", "read this configuration file instead of the nearest "+config.FileName+" (searched upwards from the working directory, up to the repository root)")
	pf.Bool("no-config", false, "read no configuration file: flags and defaults only")
}

// loadConfig returns the configuration cmd runs under: --config's file,
// the defaults with --no-config, else the nearest .falcomitre.yaml above
// the working directory, or the defaults when there is none.
func loadConfig(cmd *cobra.Command) (*config.Config, error) {
	fl := cmd.Flags()
	path, _ := fl.GetString("config")
	none, _ := fl.GetBool("no-config")
	switch {
	case none && path != "":
		return nil, errors.New("--config and --no-config contradict each other")
	case none:
		return config.Default(), nil
	case path != "":
		return config.Load(path)
	}
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	found, err := config.Find(wd)
	if err != nil {
		return nil, fmt.Errorf("looking for %s: %w", config.FileName, err)
	}
	if found == "" {
		return config.Default(), nil
	}
	// Messages name the file as the user would: relative to where they are.
	if rel, err := filepath.Rel(wd, found); err == nil {
		found = rel
	}
	return config.Load(found)
}

// settings are what a check or fix run uses: flags over the
// configuration over the defaults.
type settings struct {
	cfg     *config.Config
	failOn  diag.Severity // 0: never
	options check.Options
}

// settings loads the configuration and lays the flags the user set over
// it. A flag left at its default does not override the configuration:
// cobra's Changed tells them apart.
func (f *checkFlags) settings(cmd *cobra.Command) (*settings, error) {
	cfg, err := loadConfig(cmd)
	if err != nil {
		return nil, err
	}
	s := &settings{cfg: cfg, failOn: cfg.FailOn, options: cfg.CheckOptions()}
	fl := cmd.Flags()
	if fl.Changed("fail-on") {
		if s.failOn, err = parseFailOn(f.failOn); err != nil {
			return nil, fmt.Errorf("--fail-on: %w", err)
		}
	}
	if fl.Changed("tactic-policy") {
		if s.options.TacticPolicy, err = check.ParseTacticPolicy(f.tacticPolicy); err != nil {
			return nil, fmt.Errorf("--tactic-policy: %w", err)
		}
	}
	return s, nil
}

// parseFailOn reads --fail-on: a severity, or never (0).
func parseFailOn(s string) (diag.Severity, error) {
	if s == "never" {
		return 0, nil
	}
	return diag.ParseSeverity(s)
}

// loadRules loads the rules files args name, less those the configuration
// excludes, and says on stderr when that leaves none.
func loadRules(cmd *cobra.Command, cfg *config.Config, args []string) (*rules.Set, error) {
	files, err := rules.Expand(args...)
	if err != nil {
		return nil, err
	}
	kept := files[:0:0]
	for _, f := range files {
		if !cfg.Excluded(f) {
			kept = append(kept, f)
		}
	}
	if len(kept) == 0 && len(files) > 0 {
		fmt.Fprintf(cmd.ErrOrStderr(), "falcomitre: every rules file given is excluded by %s\n", cfg.Path)
		return rules.Resolve(nil), nil
	}
	if len(kept) == 0 {
		return rules.Resolve(nil), nil
	}
	tuneGC(kept)
	return rules.LoadFiles(kept...), nil
}

// largeInput is the size of rules from which a run collects garbage at
// Go's default pace instead of main's relaxed one: past it the heap is
// hundreds of megabytes, and fresh memory (page faults, zeroing new
// spans) costs more than the collections that would recycle it. 100k
// rules, 43 MB: 10.4 → 9.4 s of CPU, 1.5 → 1.0 GB peak (BENCHMARKS.md).
const largeInput = 8 << 20

// tuneGC sets GOGC back to 100 when files add up to largeInput (GOGC in
// the environment wins), and from hugeFrom asks for the heap in huge
// pages (heap.go).
func tuneGC(files []string) {
	var total int64
	for _, f := range files {
		if st, err := os.Stat(f); err == nil && st.Size() <= rules.MaxFileSize {
			total += st.Size() // a larger file is refused unread
		}
	}
	if total >= largeInput && os.Getenv("GOGC") == "" {
		debug.SetGCPercent(100)
	}
	if total >= hugeFrom {
		adviseHugePages(int(min(total, maxHuge/heapPerByte)) * heapPerByte)
	}
}
