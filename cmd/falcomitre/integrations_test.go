package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func readYAML(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", name))
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true) // a misspelt key fails, as it would for GitHub
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// TestActionMetadata holds action.yml to GitHub's metadata syntax for a
// composite action (docs.github.com, "Metadata syntax for GitHub
// Actions"): the required keys, a description per input and output, a
// shell for every run step, and the steps the README promises.
func TestActionMetadata(t *testing.T) {
	var a struct {
		Name        string
		Description string
		Author      string
		Branding    map[string]string
		Inputs      map[string]struct {
			Description string
			Required    bool
			Default     *string
		}
		Outputs map[string]struct {
			Description string
			Value       string
		}
		Runs struct {
			Using string
			Steps []struct {
				Name  string
				ID    string `yaml:"id"`
				If    string `yaml:"if"`
				Uses  string
				With  map[string]string
				Run   string
				Shell string
				Env   map[string]string
			}
		}
	}
	readYAML(t, "action.yml", &a)
	if a.Name == "" || a.Description == "" || a.Runs.Using != "composite" || len(a.Runs.Steps) == 0 {
		t.Fatalf("name %q, description %q, runs.using %q, %d steps", a.Name, a.Description, a.Runs.Using, len(a.Runs.Steps))
	}
	for name, in := range a.Inputs {
		if in.Description == "" || (!in.Required && in.Default == nil) {
			t.Errorf("input %s: needs a description, and a default unless required", name)
		}
	}
	for name, out := range a.Outputs {
		if out.Description == "" || out.Value == "" {
			t.Errorf("output %s: a composite output needs a description and a value", name)
		}
	}
	var runs []string
	var uses []string
	for i, s := range a.Runs.Steps {
		switch {
		case (s.Run == "") == (s.Uses == ""):
			t.Errorf("step %d: want exactly one of run and uses", i)
		case s.Run != "" && s.Shell == "":
			t.Errorf("step %d: a composite run step needs shell", i)
		case s.Run != "" && strings.Contains(s.Run, "${{"):
			t.Errorf("step %d: an expression inside run can inject shell; pass it through env", i)
		}
		runs = append(runs, s.Run)
		uses = append(uses, s.Uses)
	}
	script := strings.Join(runs, "\n")
	for _, want := range []string{"go install \"github.com/falcomitre/falcomitre/cmd/falcomitre@", "--format github", "--format \"sarif="} {
		if !strings.Contains(script, want) {
			t.Errorf("no step runs %q", want)
		}
	}
	for _, want := range []string{"actions/setup-go@", "github/codeql-action/upload-sarif@"} {
		if !slices.ContainsFunc(uses, func(u string) bool { return strings.HasPrefix(u, want) }) {
			t.Errorf("no step uses %s", want)
		}
	}
}

// TestPreCommitHooks holds .pre-commit-hooks.yaml to pre-commit's
// manifest schema (pre_commit/clientlib.py MANIFEST_HOOK_DICT): id, name,
// entry and language are required, files is a regex.
func TestPreCommitHooks(t *testing.T) {
	var hooks []struct {
		ID                      string `yaml:"id"`
		Name                    string
		Description             string
		Entry                   string
		Language                string
		Files                   string
		RequireSerial           bool   `yaml:"require_serial"`
		MinimumPreCommitVersion string `yaml:"minimum_pre_commit_version"`
	}
	readYAML(t, ".pre-commit-hooks.yaml", &hooks)
	if len(hooks) == 0 {
		t.Fatal("no hooks")
	}
	ids := map[string]bool{}
	for _, h := range hooks {
		if h.ID == "" || h.Name == "" || h.Entry == "" || h.Language == "" {
			t.Errorf("hook %+v lacks a required key", h)
		}
		if ids[h.ID] {
			t.Errorf("hook id %s twice", h.ID)
		}
		ids[h.ID] = true
		if h.Language != "golang" || !strings.HasPrefix(h.Entry, "falcomitre ") {
			t.Errorf("hook %s: language %s, entry %q", h.ID, h.Language, h.Entry)
		}
		re, err := regexp.Compile(h.Files)
		if err != nil {
			t.Errorf("hook %s: files: %v", h.ID, err)
			continue
		}
		for name, want := range map[string]bool{"rules/falco_rules.yaml": true, "a.yml": true, "a.json": false, "yaml.txt": false} {
			if re.MatchString(name) != want {
				t.Errorf("hook %s: files matches %s: %v", h.ID, name, !want)
			}
		}
	}
	if !ids["falcomitre"] {
		t.Error("no hook with id falcomitre")
	}
}
