package attack

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hostileBundle wraps STIX objects, one a line, in a bundle with one
// tactic, so that what a case adds is all that differs.
func hostileBundle(objs ...string) string {
	return "{\"type\":\"bundle\",\"objects\":[\n" +
		`{"type":"x-mitre-tactic","id":"x-mitre-tactic--1","name":"Execution","x_mitre_shortname":"execution","external_references":[{"source_name":"mitre-attack","external_id":"TA0002"}]}` +
		strings.Join(append([]string{""}, objs...), ",\n") + "\n]}"
}

func pattern(stixID, attackID, extra string) string {
	return `{"type":"attack-pattern","id":"` + stixID + `","name":"N` + attackID + `",` + extra +
		`"kill_chain_phases":[{"kill_chain_name":"mitre-attack","phase_name":"execution"}],` +
		`"external_references":[{"source_name":"mitre-attack","external_id":"` + attackID + `"}]}`
}

func revokedBy(id, from, to string) string {
	return `{"type":"relationship","id":"` + id + `","relationship_type":"revoked-by","source_ref":"` + from + `","target_ref":"` + to + `"}`
}

// TestHostileBundles: bundles with missing fields, wrong types,
// duplicates and cycles give a catalog that holds together or an error at
// file:line:col, never a panic or a loop.
func TestHostileBundles(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   string
		want string // the error's text, "" when the bundle must load
	}{
		{"wrong type", hostileBundle(`{"type":"attack-pattern","id":"attack-pattern--1","name":5}`),
			`h.json:3:59: attack-pattern object: member "name" is a JSON number, want string`},
		{"wrong type nested", hostileBundle(`{"type":"attack-pattern","id":"a","external_references":"T1059"}`),
			`h.json:3:64: attack-pattern object: member "external_references" is a JSON string, want array`},
		{"duplicate ATT&CK ID", hostileBundle(pattern("attack-pattern--1", "T1059", ""), pattern("attack-pattern--2", "T1059", "")),
			"h.json:4:1: attack-pattern object: ATT&CK ID T1059 is also the ID of attack-pattern--1; each must be unique"},
		{"duplicate STIX id", hostileBundle(pattern("attack-pattern--1", "T1059", ""), pattern("attack-pattern--1", "T1060", "")),
			"h.json:4:1: attack-pattern object: attack-pattern--1 appears twice in the bundle; each must be unique"},
		{"duplicate tactic", hostileBundle(`{"type":"x-mitre-tactic","id":"x-mitre-tactic--2","name":"Again","x_mitre_shortname":"again","external_references":[{"source_name":"mitre-attack","external_id":"TA0002"}]}`),
			"h.json:3:1: x-mitre-tactic object: ATT&CK ID TA0002 is also the ID of x-mitre-tactic--1; each must be unique"},
		{"revoked twin of a live technique", hostileBundle(pattern("attack-pattern--1", "T1059", ""), pattern("attack-pattern--2", "T1059", `"revoked":true,`)), ""},
		{"missing fields", hostileBundle(`{"type":"attack-pattern"}`, `{"type":"attack-pattern","external_references":[{"source_name":"mitre-attack"}]}`,
			`{"type":"relationship","relationship_type":"revoked-by"}`, `{"type":"x-mitre-tactic"}`, pattern("", "T1059", "")), ""},
		{"null members", hostileBundle(`{"type":"attack-pattern","id":null,"name":null,"external_references":null,"kill_chain_phases":[null]}`), ""},
		{"deep nesting", hostileBundle(`{"type":"attack-pattern","x":` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + `}`), "exceeded max depth"},
		{"deep nesting skipped", hostileBundle(`{"type":"malware","x":` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + `}`), ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ReadSTIX(strings.NewReader(tt.in), "h.json", Options{Domain: "enterprise", Version: "1.0"})
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				checkInvariants(t, c)
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want %q", err, tt.want)
			}
		})
	}
}

// TestRevokedByCycles: revoked-by chains that loop end, and name no
// replacement unless a live technique is on the way.
func TestRevokedByCycles(t *testing.T) {
	in := hostileBundle(
		pattern("attack-pattern--1", "T1001", `"revoked":true,`),
		pattern("attack-pattern--2", "T1002", `"revoked":true,`),
		pattern("attack-pattern--3", "T1003", `"revoked":true,`),
		pattern("attack-pattern--4", "T1004", ""),
		// 1 → 2 → 1, a cycle with no way out.
		revokedBy("relationship--1", "attack-pattern--1", "attack-pattern--2"),
		revokedBy("relationship--2", "attack-pattern--2", "attack-pattern--1"),
		// 3 → 3 and 3 → 1, then 3 → 4: the cycle is passed by.
		revokedBy("relationship--3", "attack-pattern--3", "attack-pattern--3"),
		revokedBy("relationship--4", "attack-pattern--3", "attack-pattern--1"),
		revokedBy("relationship--5", "attack-pattern--3", "attack-pattern--4"),
	)
	c, err := ReadSTIX(strings.NewReader(in), "h.json", Options{Domain: "enterprise", Version: "1.0"})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, c)
	for id, want := range map[string]string{"T1001": "", "T1002": "", "T1003": "T1004"} {
		var got []string
		for _, r := range c.Replacements(c.Technique(id)) {
			got = append(got, r.ID)
		}
		if strings.Join(got, " ") != want {
			t.Errorf("Replacements(%s) = %v, want %q", id, got, want)
		}
	}
}

// TestBundleLimits: an oversized file is refused from its size, a gzip
// bomb once it inflates past the limit, a named pipe before it is read.
func TestBundleLimits(t *testing.T) {
	defer func(n int64) { bundleLimit = n }(bundleLimit)
	bundleLimit = 1 << 20
	dir := t.TempDir()

	big := filepath.Join(dir, "big.json")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(3 << 20)
	f.Close()
	if _, err := LoadFile(big, Options{}); err == nil || !strings.Contains(err.Error(), "big.json: loading ATT&CK data: the file is 3 MiB, over the 1 MiB limit") {
		t.Errorf("oversized file: error = %v", err)
	}

	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write([]byte(`{"type":"bundle","objects":[`))
	zw.Write(bytes.Repeat([]byte{' '}, 4<<20))
	zw.Write([]byte(`]}`))
	zw.Close()
	bomb := filepath.Join(dir, "bomb.json.gz")
	os.WriteFile(bomb, gz.Bytes(), 0o644)
	if _, err := LoadFile(bomb, Options{}); err == nil || !strings.Contains(err.Error(), "decompresses to over 1 MiB") {
		t.Errorf("gzip bomb: error = %v", err)
	}
}
