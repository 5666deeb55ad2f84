package report_test

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"reflect"
	"testing"
	"testing/quick"

	"github.com/falcomitre/falcomitre/report"
)

// encodeLayer is what WriteLayer and WriteLayers write: encoding/json's
// bytes, indented, without HTML escaping.
func encodeLayer(t *testing.T, v any) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestLayerJSON: layers are written as encoding/json writes them, for
// layers with every field set at random (so a field added to a layer
// type and not written fails), with nil and empty lists, one or several.
func TestLayerJSON(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	tricky := "<a & b> \"q\" \\ \n\t\x01 \u2028 é"
	layers := []*report.Layer{
		{},
		{Techniques: []report.LayerEntry{}, LegendItems: []report.LayerLegend{}, Metadata: []report.LayerMeta{{}}, Links: []report.LayerLink{},
			Filters: &report.LayerFilters{}, Gradient: report.LayerGradient{Colors: []string{}, MinValue: -3}},
		{Name: tricky, Description: tricky, Techniques: []report.LayerEntry{{TechniqueID: tricky, Score: -1, Metadata: []report.LayerMeta{{Divider: true}, {Name: tricky}, {Value: tricky}}}}},
	}
	for range 200 {
		v, ok := quick.Value(reflect.TypeFor[report.Layer](), rng)
		if !ok {
			t.Fatal("no random layer")
		}
		l := v.Interface().(report.Layer)
		layers = append(layers, &l)
	}
	for i, l := range layers {
		var got bytes.Buffer
		if err := report.WriteLayer(&got, l); err != nil {
			t.Fatal(err)
		}
		if want := encodeLayer(t, l); got.String() != want {
			t.Fatalf("layer %d: wrote\n%.2000s\nwant\n%.2000s", i, got.String(), want)
		}
	}
	for _, ls := range [][]*report.Layer{nil, {}, {nil}, layers[:4]} {
		var got bytes.Buffer
		if err := report.WriteLayers(&got, ls); err != nil {
			t.Fatal(err)
		}
		if want := encodeLayer(t, ls); got.String() != want {
			t.Fatalf("%d layers: wrote\n%.2000s\nwant\n%.2000s", len(ls), got.String(), want)
		}
	}
}
