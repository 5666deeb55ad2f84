package attack

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// embeddedSources maps each embedded release to the shared bundle it is
// generated from (the go:generate lines in embed.go).
var embeddedSources = map[EmbeddedRelease]string{
	{DomainEnterprise, "13.1"}: "enterprise-attack-13.1.stix20.json.gz",
	{DomainEnterprise, "14.1"}: "enterprise-attack-14.1.stix20.json.gz",
	{DomainEnterprise, "15.1"}: "enterprise-attack-15.1.stix20.json.gz",
	{DomainEnterprise, "16.1"}: "enterprise-attack-16.1.stix20.json.gz",
	{DomainEnterprise, "17.1"}: "enterprise-attack-17.1.stix20.json.gz",
	{DomainEnterprise, "18.1"}: "enterprise-attack-18.1.stix20.json.gz",
	{DomainMobile, "18.1"}:     "mobile-attack-18.1.stix20.json.gz",
	{DomainICS, "18.1"}:        "ics-attack-18.1.stix21.json.gz",
}

// TestEmbeddedMatchesGenerator: every committed catalog is exactly what
// the generator makes of its shared bundle, and every release the issue
// promises is there.
func TestEmbeddedMatchesGenerator(t *testing.T) {
	all := EmbeddedVersions()
	if len(all) != len(embeddedSources) {
		t.Errorf("embedded %v, want the %d releases of embeddedSources", all, len(embeddedSources))
	}
	for _, r := range all {
		src, ok := embeddedSources[r]
		if !ok {
			t.Errorf("%s: no source bundle listed", r)
			continue
		}
		c := loadShared(t, src)
		want, err := c.MarshalCompact()
		if err != nil {
			t.Fatal(err)
		}
		got, err := embeddedFS.ReadFile("data/" + EmbeddedFileName(r.Domain, r.Version))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("data/%s is stale: run go generate ./attack", EmbeddedFileName(r.Domain, r.Version))
		}
	}
}

// TestCompiledMatchesJSON: each generated Go catalog holds exactly what
// its JSON does, so a run reads the same catalog as DecodeCompact would
// give; the default release must be one of them.
func TestCompiledMatchesJSON(t *testing.T) {
	def, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(compiled, def) {
		t.Errorf("the default release %s %s is not compiled in: run go generate ./attack", def.Domain, def.Version)
	}
	for _, c := range compiled {
		r := EmbeddedRelease{c.Domain, c.Version}
		dec, err := decodeEmbedded(r)
		if err != nil {
			t.Fatal(err)
		}
		if c.Source != dec.Source || !reflect.DeepEqual(c.Tactics, dec.Tactics) || !reflect.DeepEqual(c.Techniques, dec.Techniques) ||
			!reflect.DeepEqual(c.Mitigations, dec.Mitigations) || !reflect.DeepEqual(c.DataComponents, dec.DataComponents) {
			t.Errorf("%s: the compiled catalog differs from the JSON: run go generate ./attack", r)
		}
		got, err := c.MarshalCompact()
		if err != nil {
			t.Fatal(err)
		}
		want, _ := embeddedFS.ReadFile("data/" + EmbeddedFileName(r.Domain, r.Version))
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the compiled catalog does not encode to its JSON", r)
		}
	}
}

func TestEmbedded(t *testing.T) {
	c, err := LoadEmbedded("enterprise", "v18.1")
	if err != nil {
		t.Fatal(err)
	}
	if c.Domain != DomainEnterprise || c.Version != "18.1" || c.Source != EmbeddedSource {
		t.Errorf("LoadEmbedded = %s %s from %q", c.Domain, c.Version, c.Source)
	}
	if len(c.Tactics) != 14 || len(c.Techniques) != 835 {
		t.Errorf("%d tactics, %d techniques; want 14, 835", len(c.Tactics), len(c.Techniques))
	}
	if tc := c.Technique("T1059.004"); tc == nil || tc.Parent != "T1059" {
		t.Errorf("T1059.004 = %+v", tc)
	}
	if again, _ := LoadEmbedded(DomainEnterprise, "18.1"); again != c {
		t.Error("the embedded catalog is decoded more than once")
	}

	// Embedded is the newest Enterprise release embedded.
	var newest string
	for _, r := range EmbeddedVersions() {
		if r.Domain == DomainEnterprise {
			newest = r.Version
		}
	}
	def, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if def.Domain != DomainEnterprise || def.Version != newest {
		t.Errorf("Embedded() = %s %s, want enterprise-attack %s", def.Domain, def.Version, newest)
	}
	if again, _ := Embedded(); again != def {
		t.Error("Embedded() decodes more than once")
	}
}

func TestEmbeddedVersions(t *testing.T) {
	all := EmbeddedVersions()
	if !slices.Contains(all, EmbeddedRelease{DomainEnterprise, "18.1"}) {
		t.Errorf("EmbeddedVersions() = %v, want enterprise-attack 18.1 among them", all)
	}
	// Every file decodes and holds the release its name says.
	for _, r := range all {
		c, err := decodeEmbedded(r)
		if err != nil {
			t.Errorf("%s: %v", r, err)
			continue
		}
		if c.Domain != r.Domain || c.Version != r.Version {
			t.Errorf("%s holds %s %s", EmbeddedFileName(r.Domain, r.Version), c.Domain, c.Version)
		}
	}
}

func TestLoadEmbeddedErrors(t *testing.T) {
	tests := []struct{ domain, version, want string }{
		{"mobile", "0.1", "no embedded ATT&CK catalog for mobile-attack 0.1; embedded: "},
		{"enterprise", "1.0", "no embedded ATT&CK catalog for enterprise-attack 1.0; embedded: "},
		{"pre", "", "unknown ATT&CK domain"},
	}
	for _, tt := range tests {
		_, err := LoadEmbedded(tt.domain, tt.version)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("LoadEmbedded(%q, %q) error = %v, want %q", tt.domain, tt.version, err, tt.want)
		}
		// The message lists what is there.
		if err != nil && tt.version != "" && !strings.Contains(err.Error(), "enterprise-attack 18.1") {
			t.Errorf("error %q does not list the embedded catalogs", err)
		}
	}
}

func TestCompareVersions(t *testing.T) {
	ordered := []string{"1.0", "9.0", "9.1", "13.1", "18", "18.1", "18.1.1", "18.10", "beta"}
	for i := range ordered {
		for j := range ordered {
			got := CompareVersions(ordered[i], ordered[j])
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got != want {
				t.Errorf("CompareVersions(%q, %q) = %d, want %d", ordered[i], ordered[j], got, want)
			}
		}
	}
}
