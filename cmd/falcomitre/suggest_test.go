package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSuggestExample(t *testing.T) {
	code, out, errs := runCLI(t, "suggest", example)
	if code != exitOK || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	// A rule with tactics and no technique, and one whose technique's
	// analytics watch nothing it does.
	for _, want := range []string{
		`app_rules.yaml:50: "Mass File Deletion": no technique tag`,
		`"Shadow File Read in Container": weak evidence for T1611`,
		"  1. T", "     words: ", "need a technique; ATT&CK enterprise-attack 18.1",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, `"Shell in Container"`) {
		t.Errorf("a rule with a well-evidenced technique got suggestions:\n%s", out)
	}

	code, out, _ = runCLI(t, "suggest", "--all", "--top", "1", "-f", "json", example)
	var doc struct {
		Rules       int `json:"rules"`
		Suggestions []struct {
			Rule       string `json:"rule"`
			Why        string `json:"why"`
			Candidates []struct {
				ID      string   `json:"id"`
				Reasons []string `json:"reasons"`
			} `json:"candidates"`
		} `json:"suggestions"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || code != exitOK {
		t.Fatalf("exit %d, JSON %v:\n%s", code, err, out)
	}
	if len(doc.Suggestions) != doc.Rules || len(doc.Suggestions[0].Candidates) != 1 || len(doc.Suggestions[0].Candidates[0].Reasons) == 0 {
		t.Errorf("--all --top 1: %+v", doc)
	}

	if code, _, errs := runCLI(t, "suggest", "-f", "xml", example); code != exitInput || !strings.Contains(errs, "--format") {
		t.Errorf("bad format: exit %d, %q", code, errs)
	}
}
