package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/condition"
	"github.com/falcomitre/falcomitre/report"
	"github.com/spf13/cobra"
)

func newExplainCmd() *cobra.Command {
	var format, ruleName string
	var data dataFlags
	cmd := &cobra.Command{
		Use:   "explain [flags] CODE|ID|TAG | explain --rule NAME RULES...",
		Short: "Explain a check, an ATT&CK technique or tactic, a tag, or what a rule watches",
		Long: `Explain prints what a check code means, or what ATT&CK says of a technique or
tactic: its name, tactics and their canonical tags, platforms, parent and
sub-techniques, revocation or deprecation, and its page on attack.mitre.org.
A tag in any spelling the checks understand is read the same way.

With --rule, explain loads the rules files given and prints what the named
rule watches, as Falco compiles its condition: the event source, the event
types Falco indexes it under, the fields it reads, the processes and paths
it names, its condition, and what its ATT&CK tags mean.`,
		Example: `  falcomitre explain T1611
  falcomitre explain mitre_privilege_escalation
  falcomitre explain "MITRE_TA0005_defense_evasion"
  falcomitre explain tactic-mismatch
  falcomitre explain --rule "Terminal shell in container" rules/`,
		Args: func(cmd *cobra.Command, args []string) error {
			if ruleName != "" {
				return cobra.MinimumNArgs(1)(cmd, args)
			}
			return cobra.ExactArgs(1)(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig(cmd)
			if err != nil {
				return &exitError{exitInput, err}
			}
			cat, err := data.load(cfg)
			if err != nil {
				return &exitError{exitInput, err}
			}
			if ruleName != "" {
				set, err := loadRules(cmd, cfg, args)
				if err != nil {
					return &exitError{exitInput, err}
				}
				for _, e := range set.Errs() {
					fmt.Fprintln(cmd.ErrOrStderr(), "falcomitre:", e)
				}
				return explainRule(cmd.OutOrStdout(), condition.Analyze(set), cat, ruleName, format)
			}
			e, err := check.Explain(cat, args[0])
			if err != nil {
				return &exitError{exitInput, err}
			}
			if err := report.WriteExplanation(cmd.OutOrStdout(), e, format); err != nil {
				return &exitError{exitInput, err}
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text or json")
	cmd.Flags().StringVar(&ruleName, "rule", "", "explain the rule `NAME` of the rules files given")
	data.register(cmd)
	return cmd
}

// ruleExplanation is what explain --rule prints; its JSON form is the
// text's fields under the same names.
type ruleExplanation struct {
	Rule     string `json:"rule"`
	Position string `json:"position"`
	Source   string `json:"source"`
	// EventTypes are the event types Falco indexes the rule under, nil
	// with AllEvents when the condition does not narrow them; EventCodes
	// counts the event codes (a type has enter, exit and old versions).
	EventTypes        []string         `json:"event_types"`
	AllEvents         bool             `json:"all_events"`
	EventCodes        int              `json:"event_codes"`
	Fields            []string         `json:"fields"`
	Processes         []string         `json:"processes"`
	ExcludedProcesses []string         `json:"excluded_processes"`
	Paths             []string         `json:"paths"`
	ExcludedPaths     []string         `json:"excluded_paths"`
	Condition         string           `json:"condition"`
	Expanded          string           `json:"expanded,omitempty"`
	Tags              []tagExplanation `json:"tags"`
	Error             string           `json:"error,omitempty"`
}

type tagExplanation struct {
	Tag     string `json:"tag"`
	Meaning string `json:"meaning,omitempty"`
}

// explainRule prints what the rule named name watches. A condition
// Falco would reject is printed with its error, and exits 2.
func explainRule(w io.Writer, res *condition.Result, cat *attack.Catalog, name, format string) error {
	rr := res.Rule(name)
	if rr == nil {
		return &exitError{exitInput, fmt.Errorf("no rule named %q in the rules files given", name)}
	}
	x := ruleExplanation{
		Rule: name, Position: rr.Rule.Def.Range.String(), Source: rr.Source,
		EventTypes: rr.EventTypes, AllEvents: rr.AllEvents, EventCodes: rr.Events.Len(),
		Fields: rr.Fields, Processes: rr.Processes, ExcludedProcesses: rr.ExcludedProcesses,
		Paths: rr.Paths, ExcludedPaths: rr.ExcludedPaths, Condition: rr.Text.S,
	}
	if rr.Expr != nil {
		x.Condition = condition.String(rr.Expr)
		x.Expanded = condition.Expand(rr.Expr)
	}
	if rr.Err != nil {
		x.Error = rr.Err.Error()
	}
	for _, t := range rr.Rule.Tags {
		x.Tags = append(x.Tags, tagExplanation{Tag: t.Value, Meaning: tagMeaning(cat, t.Value)})
	}
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(x); err != nil {
			return err
		}
	case "text":
		if _, err := io.WriteString(w, ruleText(x)); err != nil {
			return err
		}
	default:
		return &exitError{exitInput, fmt.Errorf("unknown format %q (want text or json)", format)}
	}
	if rr.Err != nil {
		return &exitError{exitInput, errors.New(x.Error)}
	}
	return nil
}

// tagMeaning is what ATT&CK says a tag names, "" for other tags.
func tagMeaning(cat *attack.Catalog, tag string) string {
	e, err := check.Explain(cat, tag)
	if err != nil || e.Check != nil {
		return ""
	}
	var parts []string
	for _, t := range e.Techniques {
		s := t.ID + " " + t.Name
		var tacs []string
		for _, tac := range t.Tactics {
			tacs = append(tacs, tac.Name)
		}
		if len(tacs) > 0 {
			s += " (" + strings.Join(tacs, ", ") + ")"
		}
		parts = append(parts, s)
	}
	for _, tac := range e.Tactics {
		parts = append(parts, "tactic "+tac.Name+" ("+tac.ID+")")
	}
	return strings.Join(parts, "; ")
}

// ruleText is the text form of explain --rule.
func ruleText(x ruleExplanation) string {
	var b strings.Builder
	fmt.Fprintf(&b, "rule %q (%s)\n", x.Rule, x.Position)
	line := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&b, "  %-19s %s\n", k+":", v)
		}
	}
	list := func(k string, s []string) {
		if len(s) > 0 {
			line(fmt.Sprintf("%s (%d)", k, len(s)), strings.Join(s, " "))
		}
	}
	line("source", x.Source)
	if x.Error != "" {
		line("error", x.Error)
		line("condition", x.Condition)
		return b.String()
	}
	switch {
	case x.Source != condition.SyscallSource:
		line("event types", "every event of the "+x.Source+" source")
	case x.AllEvents:
		line("event types", fmt.Sprintf("all (%d event codes): the condition does not narrow them", x.EventCodes))
	case len(x.EventTypes) == 0:
		line("event types", "none: the condition can never match")
	default:
		line("event types", fmt.Sprintf("%s (%d event codes)", strings.Join(x.EventTypes, " "), x.EventCodes))
	}
	if x.Source == condition.SyscallSource && x.EventCodes > condition.TooManyEvents {
		line("warning", "Falco warns that the rule matches too many evt.type values (LOAD_NO_EVTTYPE)")
	}
	list("fields", x.Fields)
	list("processes", x.Processes)
	list("excluded processes", x.ExcludedProcesses)
	list("paths", x.Paths)
	list("excluded paths", x.ExcludedPaths)
	for _, t := range x.Tags {
		if t.Meaning != "" {
			line("tag "+t.Tag, t.Meaning)
		} else {
			line("tag "+t.Tag, "-")
		}
	}
	line("condition", x.Condition)
	return b.String()
}
