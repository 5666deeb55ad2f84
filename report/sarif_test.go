package report_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/report"
	"github.com/falcomitre/falcomitre/rules"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifSchema compiles the OASIS SARIF 2.1.0 schema (errata01) kept in
// testdata, with formats asserted: a helpUri that is no URI fails.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func writeSARIF(t *testing.T, rep *check.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := (report.SARIF{}).Write(&buf, rep); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func validate(t *testing.T, sch *jsonschema.Schema, b []byte) {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Fatalf("not valid SARIF 2.1.0: %v", err)
	}
}

// TestSARIFSchema validates the example's log, an empty one and one with
// inputs that could not be checked against the real schema.
func TestSARIFSchema(t *testing.T) {
	sch := sarifSchema(t)
	rep := exampleReport(t)
	if len(rep.Suppressed) == 0 {
		t.Error("the example has no suppressed finding: the suppressions path goes untested")
	}
	validate(t, sch, writeSARIF(t, rep))

	validate(t, sch, writeSARIF(t, &check.Report{}))

	// The schema is live: a column unit SARIF does not know fails it.
	wrong := bytes.Replace(writeSARIF(t, rep), []byte(`"unicodeCodePoints"`), []byte(`"bytes"`), 1)
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(wrong))
	if err != nil {
		t.Fatal(err)
	}
	if sch.Validate(doc) == nil {
		t.Error("the schema accepts columnKind \"bytes\"")
	}

	bad := &check.Report{Errors: []error{
		diag.Errorf(diag.Range{File: "rules/x.yaml", Start: diag.Pos{Line: 3, Column: 1}}, "not YAML"),
		errors.New("no such file"),
	}}
	b := writeSARIF(t, bad)
	validate(t, sch, b)
	if !bytes.Contains(b, []byte(`"executionSuccessful": false`)) {
		t.Errorf("a run with input errors is not marked unsuccessful:\n%s", b)
	}

	// The schema would accept a log with no results at all; check the
	// facts the issue asks for are there.
	var log struct {
		Runs []struct {
			ColumnKind string
			Tool       struct {
				Driver struct {
					Rules []struct {
						ID, HelpURI string
						Properties  struct{ Tags []string }
					}
				}
			}
			Properties struct{ Attack struct{ Version string } }
			Results    []struct {
				RuleID              string
				PartialFingerprints map[string]string
				Fixes               []struct {
					ArtifactChanges []struct {
						Replacements []struct {
							DeletedRegion struct{ ByteOffset *int }
						}
					}
				}
				Suppressions []struct{ Kind, Justification string }
			}
		}
	}
	if err := json.Unmarshal(writeSARIF(t, rep), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if run.ColumnKind != "unicodeCodePoints" || run.Properties.Attack.Version != "18.1" {
		t.Errorf("columnKind %q, attack version %q", run.ColumnKind, run.Properties.Attack.Version)
	}
	if len(run.Tool.Driver.Rules) != len(check.Checks()) {
		t.Errorf("%d rules, want one per check (%d)", len(run.Tool.Driver.Rules), len(check.Checks()))
	}
	for _, r := range run.Tool.Driver.Rules {
		if r.HelpURI != report.DocURL(r.ID) || len(r.Properties.Tags) == 0 {
			t.Errorf("rule %s: helpUri %q, tags %v", r.ID, r.HelpURI, r.Properties.Tags)
		}
	}
	fixes, suppressed := 0, 0
	for _, r := range run.Results {
		if r.PartialFingerprints["falcomitre/v1"] == "" {
			t.Errorf("%s result without a fingerprint", r.RuleID)
		}
		for _, fx := range r.Fixes {
			for _, c := range fx.ArtifactChanges {
				for _, rp := range c.Replacements {
					if rp.DeletedRegion.ByteOffset == nil {
						t.Errorf("%s: a replacement without byteOffset", r.RuleID)
					}
				}
			}
			fixes++
		}
		for _, s := range r.Suppressions {
			if s.Kind != "inSource" || s.Justification == "" {
				t.Errorf("%s: suppression %+v", r.RuleID, s)
			}
			suppressed++
		}
	}
	if fixes == 0 || suppressed != len(rep.Suppressed) {
		t.Errorf("%d fixes, %d suppressed results (want %d)", fixes, suppressed, len(rep.Suppressed))
	}
}

// TestSARIFFingerprintsSurviveEdits: lines added above a rule move every
// finding but change no fingerprint.
func TestSARIFFingerprintsSurviveEdits(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "examples", "rules", "app_rules.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "app_rules.yaml")
	prints := func(src []byte) (fps, lines []string) {
		if err := os.WriteFile(path, src, 0o644); err != nil {
			t.Fatal(err)
		}
		cat, err := attack.Embedded()
		if err != nil {
			t.Fatal(err)
		}
		set, err := rules.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		var log struct {
			Runs []struct {
				Results []struct {
					PartialFingerprints map[string]string
					Locations           []struct {
						PhysicalLocation struct{ Region struct{ StartLine int } }
					}
				}
			}
		}
		if err := json.Unmarshal(writeSARIF(t, check.Run(set, cat, check.Options{})), &log); err != nil {
			t.Fatal(err)
		}
		for _, r := range log.Runs[0].Results {
			fps = append(fps, r.PartialFingerprints["falcomitre/v1"])
			lines = append(lines, string(rune('0'+r.Locations[0].PhysicalLocation.Region.StartLine%10)))
		}
		return fps, lines
	}
	before, linesBefore := prints(src)
	after, linesAfter := prints(append([]byte("# a comment\n- list: unrelated\n  items: [a]\n"), src...))
	if strings.Join(before, " ") != strings.Join(after, " ") {
		t.Errorf("fingerprints changed with unrelated edits:\n%v\n%v", before, after)
	}
	if strings.Join(linesBefore, "") == strings.Join(linesAfter, "") {
		t.Errorf("the edit moved no finding; the test proves nothing")
	}
	seen := map[string]bool{}
	for _, fp := range before {
		if seen[fp] {
			t.Errorf("fingerprint %s is not unique", fp)
		}
		seen[fp] = true
	}
}
