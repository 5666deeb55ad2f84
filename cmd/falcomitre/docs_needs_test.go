package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/config"
	"github.com/falcomitre/falcomitre/coverage"
	"github.com/falcomitre/falcomitre/report"
	"github.com/falcomitre/falcomitre/rules"
)

// TestDocumentsNeedOnlyWhatTheyShow: each document command builds its
// model without the findings or the evidence it does not show, and writes
// the same bytes as from a model with both.
func TestDocumentsNeedOnlyWhatTheyShow(t *testing.T) {
	cat, err := attack.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(example, "*.yaml"))
	set := rules.LoadFiles(files...)
	r := &docRun{cfg: config.Default(), cat: cat}
	model := func(f docFlags) *coverage.Model {
		m, err := r.modelOf(set, &f)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	full := model(docFlags{findings: true, evidence: true})
	if full.Rules[0].Findings == nil && full.Rules[0].Watch == nil {
		t.Fatal("the full model has neither findings nor evidence: the example no longer tests this")
	}
	for _, c := range []struct {
		name  string
		flags docFlags
		write func(*bytes.Buffer, *coverage.Model) error
	}{
		{"overview", docFlags{findings: true}, func(b *bytes.Buffer, m *coverage.Model) error { return report.WriteOverview(b, m) }},
		{"matrix markdown", docFlags{evidence: true}, func(b *bytes.Buffer, m *coverage.Model) error { return report.WriteMatrix(b, m, "markdown") }},
		{"matrix html", docFlags{findings: true, evidence: true}, func(b *bytes.Buffer, m *coverage.Model) error { return report.WriteMatrix(b, m, "html") }},
		{"layer", docFlags{}, func(b *bytes.Buffer, m *coverage.Model) error {
			return report.WriteLayer(b, report.NewLayer(m, report.LayerOptions{}))
		}},
	} {
		var want, got bytes.Buffer
		if err := c.write(&want, full); err != nil {
			t.Fatal(err)
		}
		if err := c.write(&got, model(c.flags)); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s: the document differs from the one of a full model", c.name)
		}
	}
}
