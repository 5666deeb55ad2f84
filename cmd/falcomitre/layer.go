package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/falcomitre/falcomitre/coverage"
	"github.com/falcomitre/falcomitre/report"
)

// layerFlags name a Navigator layer and link its rules; layer and
// coverage diff share them.
type layerFlags struct {
	name    string
	ruleURL string
}

func (l *layerFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&l.name, "name", "", "the layer's name in Navigator")
	fl.StringVar(&l.ruleURL, "rule-url", "", "link each rule from the layer: {name} is the rule's name (URL-escaped), {file} and {line} where it is defined")
}

func (l *layerFlags) options() report.LayerOptions {
	return report.LayerOptions{Name: l.name, RuleURL: l.ruleURL}
}

func newLayerCmd() *cobra.Command {
	var f docFlags // a layer shows neither findings nor evidence
	var lf layerFlags
	var split string
	cmd := &cobra.Command{
		Use:   "layer [flags] RULES...",
		Short: "Write an ATT&CK Navigator layer of the rules' coverage",
		Long: `Layer writes an ATT&CK Navigator layer (layer format 4.5, Navigator 4.9 or
later) of the techniques the rules tag: each under the tactic the rule tags
it with (never spread to the technique's other tactics), scored by its
number of rules, with the rules' names in its metadata and comment, and
links to the rules with --rule-url. The layer's platform filter is the
platforms counted, and its metadata the coverage of each tactic and the
techniques it misses.

--split maturity or --split source writes one layer per group in one file,
a list of layers, which Navigator opens as several.

Exit status: 0 when the layer was written, 2 when an input could not be read
(what did load is still written).`,
		Example: `  falcomitre layer rules/ -o layer.json
  falcomitre layer --split maturity rules/ -o layers.json
  falcomitre layer --rule-url 'https://github.com/org/rules/blob/main/{file}#L{line}' rules/ -o layer.json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if split != "" && split != coverage.SplitMaturity && split != coverage.SplitSource {
				return &exitError{exitInput, fmt.Errorf("--split: want %s or %s, not %q", coverage.SplitMaturity, coverage.SplitSource, split)}
			}
			r, err := f.start(cmd)
			if err != nil {
				return err
			}
			m, err := r.model(cmd, &f, args)
			if err != nil {
				return err
			}
			if split == "" {
				return r.write(cmd, &f, func(w io.Writer) error { return report.WriteLayer(w, report.NewLayer(m, lf.options())) })
			}
			groups, err := m.Split(split)
			if err != nil {
				return &exitError{exitInput, err}
			}
			return r.write(cmd, &f, func(w io.Writer) error {
				return report.WriteLayers(w, report.SplitLayers(groups, split, lf.options()))
			})
		},
	}
	cmd.Flags().StringVar(&split, "split", "", "one layer per maturity or per source, in one file")
	lf.register(cmd)
	f.register(cmd)
	return cmd
}
