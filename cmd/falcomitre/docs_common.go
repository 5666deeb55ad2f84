package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/config"
	"github.com/falcomitre/falcomitre/coverage"
	"github.com/falcomitre/falcomitre/internal/version"
	"github.com/falcomitre/falcomitre/rules"
)

// docFlags are what the commands that write coverage documents
// (overview, matrix, layer, coverage diff) share.
type docFlags struct {
	data      dataFlags
	output    string
	platforms []string
	// findings and evidence say what the document shows besides tags:
	// the check findings of each rule, and how well what a rule watches
	// matches its techniques. A model for a document without them skips
	// the checks or the analysis of conditions, most of a large set's run.
	findings, evidence bool
}

// platformHelp says how --platform defaults, for every document command.
const platformHelp = `count the techniques of these ATT&CK platforms (comma-separated, any case, or "all"); default: the platforms the rules' event sources see (syscall: Linux, Containers; k8s_audit: Containers; aws_cloudtrail, gcp_auditlog: IaaS; okta: Identity Provider, SaaS; github: SaaS)`

func (f *docFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVarP(&f.output, "output", "o", "", "write to this file instead of standard output")
	fl.StringSliceVar(&f.platforms, "platform", nil, platformHelp)
	f.data.register(cmd)
}

// docRun is one run of a document command: its configuration and ATT&CK
// data, and the rules files that failed to load, which are reported after
// the document is written, as check does.
type docRun struct {
	cfg      *config.Config
	cat      *attack.Catalog
	loadErrs []error
}

// start reads the configuration and the ATT&CK data.
func (f *docFlags) start(cmd *cobra.Command) (*docRun, error) {
	cfg, err := loadConfig(cmd)
	if err != nil {
		return nil, &exitError{exitInput, err}
	}
	cat, err := f.data.load(cfg)
	if err != nil {
		return nil, &exitError{exitInput, err}
	}
	return &docRun{cfg: cfg, cat: cat}, nil
}

// model loads the rules files args name, checks them and works out their
// coverage.
func (r *docRun) model(cmd *cobra.Command, f *docFlags, args []string) (*coverage.Model, error) {
	set, err := loadRules(cmd, r.cfg, args)
	if err != nil {
		return nil, &exitError{exitInput, err}
	}
	return r.modelOf(set, f)
}

// modelOf checks a loaded set and works out its coverage.
func (r *docRun) modelOf(set *rules.Set, f *docFlags) (*coverage.Model, error) {
	r.loadErrs = append(r.loadErrs, set.Errs()...)
	opt := r.cfg.CheckOptions()
	if f.findings || f.evidence {
		opt = withObservations(opt, set) // weak-evidence is a finding too
	}
	var rep *check.Report
	if f.findings {
		rep = check.Run(set, r.cat, opt)
		rep.Tool = check.Tool{Name: "falcomitre", Version: version.Version()}
	}
	build := opt
	if !f.evidence {
		build.Observations = nil // no rule's watch to work out
	}
	m, err := coverage.Build(set, r.cat, coverage.Options{Platforms: f.platforms, Report: rep, Check: build})
	if err != nil {
		return nil, &exitError{exitInput, fmt.Errorf("--platform: %w", err)}
	}
	return m, nil
}

// write runs fn on standard output or on --output, then reports the files
// that did not load: the document shows what did, and the exit status is
// 2, as with check.
func (r *docRun) write(cmd *cobra.Command, f *docFlags, fn func(io.Writer) error) error {
	if err := writeDiffOutput(cmd.OutOrStdout(), f.output, fn); err != nil {
		return &exitError{exitInput, err}
	}
	if len(r.loadErrs) == 0 {
		return nil
	}
	for _, e := range r.loadErrs {
		fmt.Fprintln(cmd.ErrOrStderr(), e)
	}
	return &exitError{code: exitInput}
}
