package attack

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestNormalizeDomain(t *testing.T) {
	for in, want := range map[string]string{
		"enterprise": DomainEnterprise, "enterprise-attack": DomainEnterprise, " Enterprise ": DomainEnterprise,
		"mobile": DomainMobile, "mobile-attack": DomainMobile,
		"ics": DomainICS, "ICS-attack": DomainICS,
	} {
		if got, err := NormalizeDomain(in); got != want || err != nil {
			t.Errorf("NormalizeDomain(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "pre", "attack", "enterprise-attack-attack", "-attack"} {
		if got, err := NormalizeDomain(in); err == nil {
			t.Errorf("NormalizeDomain(%q) = %q, want an error", in, got)
		}
	}
}

func TestNameFacts(t *testing.T) {
	tests := []struct{ name, domain, version string }{
		{"enterprise-attack-18.1.stix20.json.gz", DomainEnterprise, "18.1"},
		{"/x/y/ics-attack-18.1.json", DomainICS, "18.1"},
		{"mobile-attack-v9.0.json", DomainMobile, "9.0"},
		{"https://example.com/enterprise-attack/enterprise-attack-15.1.json", DomainEnterprise, "15.1"},
		{"enterprise-attack.json", DomainEnterprise, ""},
		{"enterprise-attack-18.json", DomainEnterprise, ""},
		{"bundle-18.1.json", "", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		d, v := nameFacts(tt.name)
		if d != tt.domain || v != tt.version {
			t.Errorf("nameFacts(%q) = %q, %q; want %q, %q", tt.name, d, v, tt.domain, tt.version)
		}
	}
}

// TestMiniBundle checks the awkward cases on a hand-written bundle.
func TestMiniBundle(t *testing.T) {
	c := loadMini(t)
	if c.Domain != DomainEnterprise || c.Version != "99.1" {
		t.Errorf("domain, version = %q, %q; want the collection's %q, %q", c.Domain, c.Version, DomainEnterprise, "99.1")
	}
	if want := filepath.Join("testdata", "mini-bundle.json"); c.Source != want {
		t.Errorf("Source = %q, want %q", c.Source, want)
	}
	var tactics []string
	for i, ta := range c.Tactics {
		tactics = append(tactics, ta.ID)
		if ta.Order != i {
			t.Errorf("%s.Order = %d, want %d", ta.ID, ta.Order, i)
		}
	}
	// Matrix order, then the tactic no matrix lists.
	if want := []string{"TA0003", "TA0002", "TA0099"}; !slices.Equal(tactics, want) {
		t.Errorf("tactics = %v, want %v", tactics, want)
	}
	if !c.TacticByID("TA0099").Deprecated || c.TacticByShortname("persistence").ID != "TA0003" {
		t.Errorf("tactic lookups wrong: %+v", c.Tactics)
	}

	want := []*Technique{
		{ID: "T1059", Name: `Command "Interpreter"`, Tactics: []string{"execution"}, Platforms: []string{"Linux", "Windows"}},
		{ID: "T1059.004", Name: "Unix Shell", Tactics: []string{"execution"}, Parent: "T1059", Platforms: []string{"Linux"},
			Mitigations: []string{"M1038"}, DataComponents: []string{"DC0064", "Process: Process Creation"},
			// Sorted by ID; the deprecated AN0002 is gone, and the log
			// source whose component is deprecated keeps no component.
			Analytics: []Analytic{
				{ID: "AN0000", Strategy: "DET0001", Platforms: []string{"Windows"},
					LogSources: []LogSource{{Name: "WinEventLog:Security", Channel: "EventCode=4688", Component: "DC0064"}}},
				{ID: "AN0001", Strategy: "DET0001", Platforms: []string{"Linux"},
					LogSources: []LogSource{{Name: "auditd:SYSCALL", Channel: "execve", Component: "DC0064"}, {Name: "x", Channel: "y"}}},
			}},
		{ID: "T1059.004", Name: "Old Shell", Parent: "T1059", Revoked: true},
		{ID: "T1064", Name: "Scripting", Tactics: []string{"persistence", "execution"}, Deprecated: true},
		{ID: "T1086", Name: "Old PowerShell", Revoked: true, RevokedBy: []string{"T1059", "T1059.004"}},
	}
	if !reflect.DeepEqual(c.Techniques, want) {
		for _, tc := range c.Techniques {
			t.Logf("got %+v", *tc)
		}
		t.Fatal("techniques differ from the hand-worked list")
	}
	// The live object wins a reused ID.
	if got := c.Technique("T1059.004"); got.Name != "Unix Shell" {
		t.Errorf("Technique(T1059.004) = %q, want the live Unix Shell", got.Name)
	}
	var repl []string
	for _, r := range c.Replacements(c.Technique("T1086")) {
		repl = append(repl, r.ID)
	}
	if want := []string{"T1059", "T1059.004"}; !slices.Equal(repl, want) {
		t.Errorf("Replacements(T1086) = %v, want %v", repl, want)
	}
	// Only what a live relationship reaches: no deprecated or unused
	// mitigation, no deprecated component.
	if len(c.Mitigations) != 1 || *c.Mitigation("M1038") != (Mitigation{ID: "M1038", Name: "Execution Prevention"}) {
		t.Errorf("mitigations = %v", c.Mitigations)
	}
	wantDC := []DataComponent{{ID: "DC0064", Name: "Command Execution"}, {Name: "Process Creation", DataSource: "Process"}}
	if len(c.DataComponents) != len(wantDC) {
		t.Fatalf("data components = %v", c.DataComponents)
	}
	for i, d := range c.DataComponents {
		if *d != wantDC[i] {
			t.Errorf("data component %d = %+v, want %+v", i, *d, wantDC[i])
		}
	}
	if c.DataComponent("Process: Process Creation").URL() != "" || c.DataComponent("DC0064").URL() != "https://attack.mitre.org/datacomponents/DC0064/" {
		t.Error("data component URLs wrong")
	}
}

// TestLoadShared loads every shared bundle and checks counts and the
// matrix order.
func TestLoadShared(t *testing.T) {
	enterpriseTactics := []string{"TA0043", "TA0042", "TA0001", "TA0002", "TA0003", "TA0004", "TA0005",
		"TA0006", "TA0007", "TA0008", "TA0009", "TA0011", "TA0010", "TA0040"}
	icsTactics := []string{"TA0108", "TA0104", "TA0110", "TA0111", "TA0103", "TA0102", "TA0109",
		"TA0100", "TA0101", "TA0107", "TA0106", "TA0105"}
	// Mobile's live matrix, then the deprecated Network-Based Effects one,
	// which comes first in the data.
	mobileTactics := []string{"TA0027", "TA0041", "TA0028", "TA0029", "TA0030", "TA0031", "TA0032",
		"TA0033", "TA0035", "TA0037", "TA0036", "TA0034", "TA0038", "TA0039"}
	tests := []struct {
		file, domain, version string
		// techniques equals the bundle's attack-pattern count (README and
		// zcat | python3): every one has an ATT&CK ID and none shares
		// one, so none is dropped or doubled.
		techniques, revoked, deprecated int
		tactics                         []string
	}{
		{"enterprise-attack-13.1.stix20.json.gz", DomainEnterprise, "13.1", 750, 131, 12, enterpriseTactics},
		{"enterprise-attack-14.1.stix20.json.gz", DomainEnterprise, "14.1", 768, 131, 12, enterpriseTactics},
		{"enterprise-attack-15.1.stix20.json.gz", DomainEnterprise, "15.1", 780, 131, 12, enterpriseTactics},
		{"enterprise-attack-16.1.stix20.json.gz", DomainEnterprise, "16.1", 799, 131, 12, enterpriseTactics},
		{"enterprise-attack-17.1.stix20.json.gz", DomainEnterprise, "17.1", 823, 132, 12, enterpriseTactics},
		{"enterprise-attack-18.1.stix20.json.gz", DomainEnterprise, "18.1", 835, 132, 12, enterpriseTactics},
		{"mobile-attack-18.1.stix20.json.gz", DomainMobile, "18.1", 190, 53, 13, mobileTactics},
		{"ics-attack-18.1.stix20.json.gz", DomainICS, "18.1", 95, 0, 12, icsTactics},
		{"ics-attack-18.1.stix21.json.gz", DomainICS, "18.1", 95, 0, 12, icsTactics},
		{"ics-attack-13.1.stix21.json.gz", DomainICS, "13.1", 93, 0, 12, icsTactics},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			c := loadShared(t, tt.file)
			if c.Domain != tt.domain || c.Version != tt.version {
				t.Errorf("domain, version = %q, %q; want %q, %q", c.Domain, c.Version, tt.domain, tt.version)
			}
			revoked, deprecated := 0, 0
			for i, tc := range c.Techniques {
				if tc.Revoked {
					revoked++
				}
				if tc.Deprecated {
					deprecated++
				}
				if i > 0 && c.Techniques[i-1].ID > tc.ID {
					t.Errorf("techniques not sorted: %s before %s", c.Techniques[i-1].ID, tc.ID)
				}
				if c.Technique(tc.ID) == nil {
					t.Errorf("Technique(%s) = nil", tc.ID)
				}
			}
			if len(c.Techniques) != tt.techniques || revoked != tt.revoked || deprecated != tt.deprecated {
				t.Errorf("techniques, revoked, deprecated = %d, %d, %d; want %d, %d, %d",
					len(c.Techniques), revoked, deprecated, tt.techniques, tt.revoked, tt.deprecated)
			}
			var ids []string
			for _, ta := range c.Tactics {
				ids = append(ids, ta.ID)
				if c.TacticByShortname(ta.Shortname) != ta {
					t.Errorf("TacticByShortname(%q) is not %s", ta.Shortname, ta.ID)
				}
			}
			if !slices.Equal(ids, tt.tactics) {
				t.Errorf("tactics = %v\nwant %v", ids, tt.tactics)
			}
		})
	}
}

// TestICSFlavoursAgree: the same release as STIX 2.0 (no collection, so
// the name tells the version) and as STIX 2.1 gives the same catalog.
func TestICSFlavoursAgree(t *testing.T) {
	a := loadShared(t, "ics-attack-18.1.stix20.json.gz")
	b := loadShared(t, "ics-attack-18.1.stix21.json.gz")
	ca, cb := *a, *b
	ca.Source, cb.Source = "", ""
	if !reflect.DeepEqual(ca.Tactics, cb.Tactics) || !reflect.DeepEqual(ca.Techniques, cb.Techniques) || ca.Domain != cb.Domain || ca.Version != cb.Version {
		t.Error("ics-attack 18.1 differs between STIX 2.0 and 2.1")
	}
	if ca.Domain != DomainICS || ca.Version != "18.1" {
		t.Errorf("domain, version = %q, %q", ca.Domain, ca.Version)
	}
}

// TestReadSTIXReader feeds the same bundle plain and gzipped through an
// io.Reader with no name, so only Options say what it is.
func TestReadSTIXReader(t *testing.T) {
	data, err := os.ReadFile(sharedPath(t, "ics-attack-18.1.stix20.json.gz"))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var plain bytes.Buffer
	if _, err := plain.ReadFrom(zr); err != nil {
		t.Fatal(err)
	}
	want := loadShared(t, "ics-attack-18.1.stix20.json.gz")
	for name, in := range map[string][]byte{"gzip": data, "plain": plain.Bytes()} {
		// The matrix names the domain; only the version is missing.
		if _, err := ReadSTIX(bytes.NewReader(in), "", Options{}); err == nil || !strings.Contains(err.Error(), "cannot tell the ATT&CK version") {
			t.Errorf("%s without version: err = %v, want one asking for the version", name, err)
		}
		c, err := ReadSTIX(onlyReader{bytes.NewReader(in)}, "", Options{Version: "v18.1"})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if c.Domain != DomainICS || c.Version != "18.1" || !reflect.DeepEqual(c.Techniques, want.Techniques) {
			t.Errorf("%s: %s %s differs from LoadFile's", name, c.Domain, c.Version)
		}
		if _, err := ReadSTIX(bytes.NewReader(in), "", Options{Domain: "enterprise", Version: "18.1"}); err == nil || !strings.Contains(err.Error(), "matrix is ics-attack") {
			t.Errorf("%s as enterprise: err = %v, want a matrix mismatch", name, err)
		}
		if _, err := ReadSTIX(bytes.NewReader(in), "", Options{Domain: "pre", Version: "18.1"}); err == nil || !strings.Contains(err.Error(), "unknown ATT&CK domain") {
			t.Errorf("%s with domain pre: err = %v", name, err)
		}
	}
}

// onlyReader hides every method but Read, as a network body would.
type onlyReader struct{ r *bytes.Reader }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

// TestReadSTIXBadInput: bad input is an error naming the input, never a
// panic or a catalog.
func TestReadSTIXBadInput(t *testing.T) {
	mini, err := os.ReadFile(filepath.Join("testdata", "mini-bundle.json"))
	if err != nil {
		t.Fatal(err)
	}
	gz := gzipBytes(t, mini)
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "empty input"},
		{"blank", " \n\t ", "empty input"},
		{"not JSON", "not json", "not JSON"},
		{"array", `[{"type":"bundle"}]`, "JSON array"},
		{"string", `"bundle"`, "not JSON"},
		{"no objects", `{"type":"bundle","id":"bundle--1"}`, `no "objects" array`},
		{"empty bundle", `{}`, `no "objects" array`},
		{"no tactics", `{"type":"bundle","objects":[]}`, "no x-mitre-tactic"},
		{"not a bundle", `{"type":"attack-pattern","objects":[]}`, "not a STIX bundle"},
		{"objects not array", `{"type":"bundle","objects":{}}`, "not an array"},
		{"object not object", `{"type":"bundle","objects":[1]}`, "objects[0] is not a JSON object"},
		{"wrong type", `{"type":"bundle","objects":[{"type":"x-mitre-tactic","name":5}]}`, `x-mitre-tactic object: member "name" is a JSON number, want string`},
		{"bad nested", `{"type":"bundle","objects":[{"type":"attack-pattern","kill_chain_phases":[{"phase_name":[]}]}]}`, "attack-pattern object"},
		{"syntax in kept object", "{\"type\":\"bundle\",\n\"objects\":[{\"type\":\"x-mitre-tactic\",\"name\" \"x\"}]}", "bad.json:2:45: x-mitre-tactic object"},
		{"mismatched", `{"type":"bundle","objects":[{"type":"malware","x":[}]}`, "unexpected '}'"},
		{"truncated", `{"type":"bundle","objects":[{"type":"x-mitre-tactic","name":"Exec`, "unexpected end of input"},
		{"truncated after", `{"type":"bundle","objects":[]`, "unexpected end of input"},
		{"trailing", `{"type":"bundle","objects":[]} x`, "data after the end"},
		{"two objects", `{"objects":[],"objects":[]}`, `second "objects"`},
		{"bad literal", `{"type":"bundle","x":tru,"objects":[]}`, "invalid"},
		{"no domain", strings.Replace(strings.Replace(string(mini), `"Enterprise ATT&CK", "x_mitre_version": "99.1"`, `"Something", "x_mitre_version": "99.1"`, 1), `"external_id": "enterprise-attack"`, `"external_id": "x"`, 1), "cannot tell the ATT&CK domain"},
		{"truncated gzip", string(gz[:len(gz)/2]), "unexpected EOF"},
		{"gzip trailer", string(gz[:len(gz)-4]), "unexpected EOF"},
		{"bad gzip checksum", string(append(gz[:len(gz)-8:len(gz)-8], 1, 2, 3, 4, 5, 6, 7, 8)), "checksum"},
		{"gzip header only", string(gz[:2]), "gzip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ReadSTIX(strings.NewReader(tt.in), "bad.json", Options{Version: "1.0"})
			if err == nil {
				t.Fatalf("got a catalog (%d techniques), want an error", len(c.Techniques))
			}
			if !strings.HasPrefix(err.Error(), "bad.json") && !strings.Contains(err.Error(), "bad.json:") {
				t.Errorf("error %q does not name the input", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
		})
	}
}

func TestLoadFileMissing(t *testing.T) {
	_, err := LoadFile(filepath.Join("testdata", "no-such-file.json"), Options{})
	if err == nil || !strings.Contains(err.Error(), "no-such-file.json") {
		t.Errorf("err = %v, want one naming the file", err)
	}
}

// gzipBytes compresses b.
func gzipBytes(tb testing.TB, b []byte) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		tb.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// zeros is an endless reader.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// stuck returns nothing, forever.
type stuck struct{}

func (stuck) Read([]byte) (int, error) { return 0, nil }

func TestReadAheadClose(t *testing.T) {
	ra := newReadAhead(zeros{}, 1024, 2)
	buf := make([]byte, 10)
	if n, err := ra.Read(buf); n != 10 || err != nil {
		t.Fatalf("Read = %d, %v", n, err)
	}
	// Close must stop the producer even though its input never ends.
	ra.Close()
	ra.Close()
}

func TestReadSTIXStuckReader(t *testing.T) {
	r := io.MultiReader(strings.NewReader(`{"type":"bundle",`), stuck{})
	if _, err := ReadSTIX(r, "stuck.json", Options{}); err == nil || !errors.Is(err, io.ErrNoProgress) {
		t.Errorf("err = %v, want io.ErrNoProgress", err)
	}
}

// TestIdentifyPrecedence: the collection object beats the file name, which
// beats Options, which beat the matrix.
func TestIdentifyPrecedence(t *testing.T) {
	mini, err := os.ReadFile(filepath.Join("testdata", "mini-bundle.json"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(mini), "\n")
	if !strings.Contains(lines[1], "x-mitre-collection") {
		t.Fatal("testdata/mini-bundle.json: want the collection on line 2")
	}
	noColl := strings.Join(append(lines[:1:1], lines[2:]...), "\n")
	tests := []struct {
		in, name               string
		opt                    Options
		domain, version, wrong string
	}{
		{string(mini), "enterprise-attack-1.0.json", Options{Version: "2.0"}, DomainEnterprise, "99.1", ""},
		{noColl, "enterprise-attack-1.0.json", Options{Version: "2.0"}, DomainEnterprise, "1.0", ""},
		{noColl, "bundle.json", Options{Domain: "enterprise-attack", Version: "2.0"}, DomainEnterprise, "2.0", ""},
		{noColl, "bundle.json", Options{Version: "2.0"}, DomainEnterprise, "2.0", ""},
		{noColl, "mobile-attack-1.0.json", Options{}, "", "", "matrix is enterprise-attack, not mobile-attack"},
		{noColl, "bundle.json", Options{Domain: "ics"}, "", "", "cannot tell the ATT&CK version"},
	}
	for _, tt := range tests {
		c, err := ReadSTIX(strings.NewReader(tt.in), tt.name, tt.opt)
		switch {
		case tt.wrong != "":
			if err == nil || !strings.Contains(err.Error(), tt.wrong) {
				t.Errorf("%s %+v: err = %v, want %q", tt.name, tt.opt, err, tt.wrong)
			}
		case err != nil:
			t.Errorf("%s %+v: %v", tt.name, tt.opt, err)
		case c.Domain != tt.domain || c.Version != tt.version || c.Source != tt.name:
			t.Errorf("%s %+v: got %s %s from %q, want %s %s", tt.name, tt.opt, c.Domain, c.Version, c.Source, tt.domain, tt.version)
		}
	}
}
