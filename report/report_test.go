package report_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/report"
	"github.com/falcomitre/falcomitre/rules"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var update = flag.Bool("update", false, "rewrite golden files")

// exampleReport is the one fixture every writer renders: the shipped
// example, with the paths it has when run from the repository root.
func exampleReport(t *testing.T) *check.Report {
	t.Helper()
	cat, err := attack.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(".."); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir("report")
	set, err := rules.Load("examples/rules")
	if err != nil {
		t.Fatal(err)
	}
	rep := check.Run(set, cat, check.Options{})
	rep.Tool = check.Tool{Name: "falcomitre", Version: "test"}
	return rep
}

func TestWriters(t *testing.T) {
	rep := exampleReport(t)
	for _, format := range report.Formats() {
		for _, color := range []bool{false, true} {
			if color && format != "text" {
				continue
			}
			name := format
			if color {
				name += "-color"
			}
			t.Run(name, func(t *testing.T) {
				w, err := report.New(format, report.Options{Color: color})
				if err != nil {
					t.Fatal(err)
				}
				var buf bytes.Buffer
				if err := w.Write(&buf, rep); err != nil {
					t.Fatal(err)
				}
				golden(t, filepath.Join("testdata", "example."+name+".golden"), buf.Bytes())
			})
		}
	}
}

// golden compares got with the file at path, or rewrites it with -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./report -update creates it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test ./report -update rewrites it):\n%s", path, got)
	}
}

// TestJSONSchema holds the JSON report to its documented schema.
func TestJSONSchema(t *testing.T) {
	rep := exampleReport(t)
	var buf bytes.Buffer
	if err := (report.JSON{}).Write(&buf, rep); err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile(filepath.Join("..", "docs", "report.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Fatalf("report does not match docs/report.schema.json: %v", err)
	}
	var empty bytes.Buffer
	if err := (report.JSON{}).Write(&empty, &check.Report{Tool: check.Tool{Name: "falcomitre"}, ATTACK: check.Dataset{Domain: "ics-attack"}}); err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(empty.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	doc, _ = jsonschema.UnmarshalJSON(bytes.NewReader(empty.Bytes()))
	if err := sch.Validate(doc); err != nil {
		t.Fatalf("empty report does not match the schema: %v", err)
	}
}
