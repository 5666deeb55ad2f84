package attack

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// roundTrip encodes c, decodes it and checks nothing changed, returning
// the encoding.
func roundTrip(t *testing.T, c *Catalog) []byte {
	t.Helper()
	b, err := c.MarshalCompact()
	if err != nil {
		t.Fatal(err)
	}
	d, err := DecodeCompact(b, "test.json")
	if err != nil {
		t.Fatal(err)
	}
	if d.Source != "test.json" {
		t.Errorf("Source = %q", d.Source)
	}
	want := *c
	want.Source = d.Source
	if !reflect.DeepEqual(d, &want) {
		t.Errorf("%s %s: decoded catalog differs from the encoded one", c.Domain, c.Version)
	}
	again, err := d.MarshalCompact()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, again) {
		t.Errorf("%s %s: encoding is not stable across a round trip", c.Domain, c.Version)
	}
	return b
}

func TestCompactRoundTrip(t *testing.T) {
	t.Run("mini", func(t *testing.T) { roundTrip(t, loadMini(t)) })
	for _, f := range []string{
		"enterprise-attack-13.1.stix20.json.gz", // has data sources
		"enterprise-attack-18.1.stix20.json.gz",
		"mobile-attack-18.1.stix20.json.gz", // has deprecated tactics
		"ics-attack-18.1.stix21.json.gz",
	} {
		t.Run(f, func(t *testing.T) { roundTrip(t, loadShared(t, f)) })
	}
}

// compactDoc is the compact layout as plain encoding/json sees it, to
// check the hand-written decoder against the standard one.
type compactDoc struct {
	Format  int    `json:"format"`
	Domain  string `json:"domain"`
	Version string `json:"version"`
	Notice  string `json:"notice"`
	Tactics []struct {
		ID         string `json:"id"`
		Name       string `json:"name"`
		Shortname  string `json:"shortname"`
		Deprecated bool   `json:"deprecated"`
	} `json:"tactics"`
	Techniques []struct {
		ID             string   `json:"id"`
		Name           string   `json:"name"`
		Tactics        []string `json:"tactics"`
		Parent         string   `json:"parent"`
		Revoked        bool     `json:"revoked"`
		Deprecated     bool     `json:"deprecated"`
		RevokedBy      []string `json:"revoked_by"`
		Platforms      []string `json:"platforms"`
		Mitigations    []string `json:"mitigations"`
		DataComponents []string `json:"data_components"`
		Analytics      []struct {
			ID         string   `json:"id"`
			Strategy   string   `json:"strategy"`
			Platforms  []string `json:"platforms"`
			LogSources []int    `json:"log_sources"`
		} `json:"analytics"`
	} `json:"techniques"`
	LogSources [][3]string `json:"log_sources"`
}

func TestCompactIsPlainJSON(t *testing.T) {
	c := loadMini(t)
	b := roundTrip(t, c)
	var doc compactDoc
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("compact catalog is not JSON: %v", err)
	}
	if doc.Format != CompactFormat || doc.Domain != c.Domain || doc.Version != c.Version || doc.Notice != AttackNotice {
		t.Errorf("header = %d %q %q %q", doc.Format, doc.Domain, doc.Version, doc.Notice)
	}
	if len(doc.Tactics) != len(c.Tactics) || len(doc.Techniques) != len(c.Techniques) {
		t.Fatalf("encoding/json sees %d tactics and %d techniques, want %d and %d",
			len(doc.Tactics), len(doc.Techniques), len(c.Tactics), len(c.Techniques))
	}
	for i, tc := range c.Techniques {
		d := doc.Techniques[i]
		got := &Technique{ID: d.ID, Name: d.Name, Tactics: d.Tactics, Parent: d.Parent, Revoked: d.Revoked,
			Deprecated: d.Deprecated, RevokedBy: d.RevokedBy, Platforms: d.Platforms,
			Mitigations: d.Mitigations, DataComponents: d.DataComponents}
		for _, a := range d.Analytics {
			an := Analytic{ID: a.ID, Strategy: a.Strategy, Platforms: a.Platforms}
			for _, n := range a.LogSources {
				ls := doc.LogSources[n]
				an.LogSources = append(an.LogSources, LogSource{Name: ls[0], Channel: ls[1], Component: ls[2]})
			}
			got.Analytics = append(got.Analytics, an)
		}
		if !reflect.DeepEqual(got, tc) {
			t.Errorf("encoding/json reads %+v, want %+v", got, tc)
		}
	}
	// One tactic or technique per line keeps diffs between releases small.
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if want := 7 + len(c.Tactics) + len(c.Mitigations) + len(c.DataComponents) + len(c.logSourceTable()) + len(c.Techniques); len(lines) != want {
		t.Errorf("%d lines, want %d", len(lines), want)
	}
	for _, l := range lines[3:] {
		if !strings.HasPrefix(l, `{"id":`) && !strings.HasPrefix(l, `{"name":`) && !strings.HasPrefix(l, `["`) && !strings.HasPrefix(l, `"`) {
			t.Errorf("line %q does not hold one tactic or technique", l)
		}
	}
	if !strings.Contains(string(b), `"Command \"Interpreter\""`) {
		t.Error("quotes in names are not escaped")
	}
}

func TestDecodeCompactLenient(t *testing.T) {
	in := ` { "version" : "1.0", "future": {"a": [1, {"b": null}], "c": "}"}, "domain":"ics-attack",
	"tactics": [ {"id": "TA0104", "shortname": "execution", "name": "Ex\u00e9cution \"1\"", "extra": [true]} ],
	"techniques": [ {"id": "T0807", "name": "Caf\u00e9 ☕", "tactics": ["execution"], "weight": -1.5e3},
	{"id": "T0800", "platforms": [], "revoked": false, "deprecated": true} ],
	"format": 3 } `
	c, err := DecodeCompact([]byte(in), "lenient.json")
	if err != nil {
		t.Fatal(err)
	}
	if c.Domain != DomainICS || c.Version != "1.0" || len(c.Tactics) != 1 || len(c.Techniques) != 2 {
		t.Fatalf("got %+v", c)
	}
	if c.Tactics[0].Name != `Exécution "1"` || c.Technique("T0807").Name != "Café ☕" {
		t.Errorf("escapes decoded as %q and %q", c.Tactics[0].Name, c.Technique("T0807").Name)
	}
	if tc := c.Technique("T0800"); !tc.Deprecated || tc.Platforms != nil {
		t.Errorf("T0800 = %+v", tc)
	}
}

// TestDecodeCompactNoAliasing: lists share one allocation, but appending
// to one must not overwrite the next.
func TestDecodeCompactNoAliasing(t *testing.T) {
	b := roundTrip(t, loadMini(t))
	c, err := DecodeCompact(b, "x")
	if err != nil {
		t.Fatal(err)
	}
	first := c.Techniques[0]
	before := append([]string(nil), c.Techniques[1].Tactics...)
	// Analytics and their log sources share slabs too.
	for i := range c.Techniques[:len(c.Techniques)-1] {
		tc, next := c.Techniques[i], c.Techniques[i+1]
		if len(tc.Analytics) == 0 {
			continue
		}
		keep := append([]Analytic(nil), next.Analytics...)
		_ = append(tc.Analytics, Analytic{ID: "AN9999"})
		last := tc.Analytics[len(tc.Analytics)-1]
		_ = append(last.LogSources, LogSource{Name: "x"})
		if !reflect.DeepEqual(next.Analytics, keep) {
			t.Error("appending to one technique's analytics changed the next")
		}
	}
	_ = append(first.Platforms, "Plan 9")
	_ = append(first.Tactics, "x")
	if !reflect.DeepEqual(c.Techniques[1].Tactics, before) {
		t.Error("appending to one technique's list changed the next")
	}
}

func TestDecodeCompactBad(t *testing.T) {
	good := `{"format":3,"log_sources":[["auditd:SYSCALL","execve",""]],"domain":"enterprise-attack","version":"18.1","tactics":[{"id":"TA0002","name":"Execution","shortname":"execution"}],"techniques":[{"id":"T1059","name":"x","analytics":[{"id":"AN1","log_sources":[0]}]}]}`
	if _, err := DecodeCompact([]byte(good), "good.json"); err != nil {
		t.Fatalf("the base case fails: %v", err)
	}
	tests := []struct{ name, in, want string }{
		{"empty", "", "unexpected end of input"},
		{"not JSON", "nope", "invalid character 'n'"},
		{"array", "[]", "invalid character '['"},
		{"no format", `{"domain":"enterprise-attack"}`, "no format member"},
		{"newer format", strings.Replace(good, `"format":3`, `"format":4`, 1), "format 4, this falcomitre reads format 3"},
		{"older format", strings.Replace(good, `"format":3`, `"format":2`, 1), "format 2, this falcomitre reads format 3"},
		{"format string", strings.Replace(good, `"format":3`, `"format":"1"`, 1), "whole number"},
		{"log source index", strings.Replace(good, `"log_sources":[0]`, `"log_sources":[1]`, 1), "log source 1 of 1"},
		{"log source string", strings.Replace(good, `"log_sources":[0]`, `"log_sources":["0"]`, 1), "whole number"},
		{"log source pair", strings.Replace(good, `"execve",""`, `"execve"`, 1), "not 2 strings"},
		{"domain", strings.Replace(good, `enterprise-attack`, `enterprise`, 1), `unknown domain "enterprise"`},
		{"version", strings.Replace(good, `"18.1"`, `""`, 1), "no version"},
		{"no tactics", strings.Replace(good, `{"id":"TA0002","name":"Execution","shortname":"execution"}`, ``, 1), "no tactics"},
		{"tactic shortname", strings.Replace(good, `"shortname":"execution"`, `"shortname":""`, 1), "tactic 0 has no id or shortname"},
		{"technique id", strings.Replace(good, `"id":"T1059"`, `"id":""`, 1), "technique 0 has no id"},
		{"id number", strings.Replace(good, `"id":"T1059"`, `"id":1059`, 1), "want a string"},
		{"bool", strings.Replace(good, `"name":"x"`, `"revoked":"yes"`, 1), "want true or false"},
		{"list of numbers", strings.Replace(good, `"name":"x"`, `"tactics":[1]`, 1), "want a string"},
		{"bad escape", strings.Replace(good, `"name":"x"`, `"name":"\q"`, 1), "bad string"},
		{"control char", strings.Replace(good, `"name":"x"`, "\"name\":\"a\x01\"", 1), "bad string"},
		{"unterminated", good[:len(good)-10], "unterminated string"},
		{"cut", good[:len(good)-2], "unexpected end of input"},
		{"trailing", good + "{}", "data after the catalog"},
		{"bad unknown", strings.Replace(good, `"format":3`, `"format":3,"x":[1,}`, 1), "invalid JSON value"},
		{"bad unknown literal", strings.Replace(good, `"format":3`, `"format":3,"x":nul`, 1), "invalid JSON value"},
		{"missing colon", strings.Replace(good, `"format":3`, `"format" 3`, 1), "want ':'"},
		{"missing comma", strings.Replace(good, `"format":3,`, `"format":3 `, 1), "want ',' or '}'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := DecodeCompact([]byte(tt.in), "bad.json")
			if err == nil {
				t.Fatalf("decoded %+v, want an error", c)
			}
			if !strings.HasPrefix(err.Error(), "bad.json: ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want one naming bad.json and saying %q", err, tt.want)
			}
		})
	}
}

func TestMarshalCompactRejects(t *testing.T) {
	ok := func() *Catalog {
		return &Catalog{Domain: DomainEnterprise, Version: "1.0",
			Tactics:    []*Tactic{{ID: "TA0002", Name: "Execution", Shortname: "execution"}},
			Techniques: []*Technique{{ID: "T1059"}}}
	}
	if _, err := ok().MarshalCompact(); err != nil {
		t.Fatalf("base case: %v", err)
	}
	for name, spoil := range map[string]func(*Catalog){
		"domain":       func(c *Catalog) { c.Domain = "enterprise" },
		"version":      func(c *Catalog) { c.Version = "" },
		"no tactics":   func(c *Catalog) { c.Tactics = nil },
		"nil tactic":   func(c *Catalog) { c.Tactics[0] = nil },
		"no shortname": func(c *Catalog) { c.Tactics[0].Shortname = "" },
		"nil tech":     func(c *Catalog) { c.Techniques = append(c.Techniques, nil) },
		"no tech ID":   func(c *Catalog) { c.Techniques[0].ID = "" },
	} {
		c := ok()
		spoil(c)
		if _, err := c.MarshalCompact(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	// Control characters and bad UTF-8 still give JSON that decodes.
	c := ok()
	c.Techniques[0].Name = "tab\there\x00 \xff end"
	b, err := c.MarshalCompact()
	if err != nil {
		t.Fatal(err)
	}
	d, err := DecodeCompact(b, "x")
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Techniques[0].Name; got != "tab\there\x00 \uFFFD end" {
		t.Errorf("name decoded as %q", got)
	}
}
