package attack

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// FuzzReadSTIX: no input panics; whatever loads is a consistent catalog
// that survives the compact encoding unchanged. More seeds are in
// testdata/fuzz/FuzzReadSTIX.
func FuzzReadSTIX(f *testing.F) {
	mini, err := os.ReadFile(filepath.Join("testdata", "mini-bundle.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(mini)
	f.Add(gzipBytes(f, mini))
	for _, s := range []string{
		"", "{}", "[]", `{"type":"bundle","objects":[]}`,
		`{"type":"bundle","objects":[{"type":"x-mitre-tactic","name":"Execution","x_mitre_shortname":"execution","external_references":[{"source_name":"mitre-attack","external_id":"TA0002"}]}]}`,
		`{"type":"bundle","objects":[{"type":"relationship","relationship_type":"revoked-by","source_ref":"a","target_ref":"a"}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ReadSTIX(bytes.NewReader(data), "fuzz.json", Options{Domain: "enterprise", Version: "1.0"})
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.json") {
				t.Errorf("error %q does not name the input", err)
			}
			return
		}
		checkInvariants(t, c)
		b, err := c.MarshalCompact()
		if err != nil {
			t.Fatalf("a catalog ReadSTIX made does not encode: %v", err)
		}
		d, err := DecodeCompact(b, c.Source)
		if err != nil {
			t.Fatalf("its encoding does not decode: %v\n%s", err, b)
		}
		if !reflect.DeepEqual(c, d) {
			t.Fatalf("the compact round trip changed the catalog:\n%s", b)
		}
	})
}

// FuzzDecodeCompact: no input panics, and whatever decodes encodes and
// decodes again to the same catalog.
func FuzzDecodeCompact(f *testing.F) {
	f.Add([]byte(`{"format":2,"domain":"enterprise-attack","version":"18.1","tactics":[{"id":"TA0002","name":"Execution","shortname":"execution"}],` +
		`"mitigations":[{"id":"M1038","name":"Execution Prevention"}],"data_components":[{"id":"DC0032","name":"Process Creation"},{"name":"File Access","data_source":"File"}],` +
		`"techniques":[{"id":"T1059","name":"x","tactics":["execution"],"platforms":["Linux"],"mitigations":["M1038"],"data_components":["DC0032","File: File Access"]},{"id":"T1086","revoked":true,"revoked_by":["T1059"]}]}`))
	f.Add([]byte(`{"format":2,"x":{"y":[1,"}"]},"domain":"ics-attack","version":"1","tactics":[{"id":"a","shortname":"b","deprecated":true}],"techniques":[]}`))
	f.Add([]byte(`{"format":2,"domain":"mobile-attack","version":"\u0031","tactics":[{"id":"\"","shortname":"é"}],"techniques":[{"id":"T\n"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := DecodeCompact(data, "fuzz.json")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.json: ") {
				t.Errorf("error %q does not name the input", err)
			}
			return
		}
		b, err := c.MarshalCompact()
		if err != nil {
			t.Fatalf("a decoded catalog does not encode: %v", err)
		}
		d, err := DecodeCompact(b, "fuzz.json")
		if err != nil {
			t.Fatalf("re-encoding does not decode: %v\n%s", err, b)
		}
		if !reflect.DeepEqual(c, d) {
			t.Fatalf("round trip changed the catalog:\n%s", b)
		}
	})
}

// checkInvariants checks what every catalog promises its users.
func checkInvariants(t *testing.T, c *Catalog) {
	t.Helper()
	for i, ta := range c.Tactics {
		if ta.Order != i || c.TacticByID(ta.ID) == nil || c.TacticByShortname(ta.Shortname) == nil {
			t.Errorf("tactic %d (%+v) is out of order or not indexed", i, ta)
		}
	}
	for i, tc := range c.Techniques {
		if tc.ID == "" || c.Technique(tc.ID) == nil {
			t.Errorf("technique %d (%+v) has no ID or is not indexed", i, tc)
		}
		if i > 0 && c.Techniques[i-1].ID > tc.ID {
			t.Errorf("techniques not sorted: %q before %q", c.Techniques[i-1].ID, tc.ID)
		}
		for _, r := range c.Replacements(tc) {
			if r.Revoked {
				t.Errorf("Replacements(%s) returned revoked %s", tc.ID, r.ID)
			}
		}
	}
}
