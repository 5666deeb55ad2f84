package report_test

import (
	"io"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/condition"
	"github.com/falcomitre/falcomitre/coverage"
	"github.com/falcomitre/falcomitre/evidence"
	"github.com/falcomitre/falcomitre/internal/rulegen"
	"github.com/falcomitre/falcomitre/report"
)

// BenchmarkCoverageDocs writes each coverage document of a generated set
// of a few thousand rules, the model built once as the commands build it.
func BenchmarkCoverageDocs(b *testing.B) {
	set := rulegen.Set(b, 5000)
	cat, err := attack.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	opt := check.Options{Observations: evidence.Observations(condition.Analyze(set))}
	m, err := coverage.Build(set, cat, coverage.Options{Report: check.Run(set, cat, opt), Check: opt})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		write func(io.Writer) error
	}{
		{"overview", func(w io.Writer) error { return report.WriteOverview(w, m) }},
		{"matrix-markdown", func(w io.Writer) error { return report.WriteMatrix(w, m, "markdown") }},
		{"matrix-html", func(w io.Writer) error { return report.WriteMatrix(w, m, "html") }},
		{"layer", func(w io.Writer) error { return report.WriteLayer(w, report.NewLayer(m, report.LayerOptions{})) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := c.write(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
