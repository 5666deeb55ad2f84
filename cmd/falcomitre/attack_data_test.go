package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
)

// release19 is where the fake release server serves the hand-made
// "Enterprise ATT&CK" 19.0 bundle (dataset/testdata), gzipped.
const release19 = "/enterprise-attack/enterprise-attack-19.0.json"

// releaseServer is a fake attack-stix-data over TLS: index.json and one
// release. hits counts bundle downloads.
type releaseServer struct {
	*httptest.Server
	hits atomic.Int64
}

// newReleaseServer starts the server, points the CLI's downloads at it
// and gives the test a cache of its own.
func newReleaseServer(t *testing.T) *releaseServer {
	t.Helper()
	plain, err := os.ReadFile(filepath.Join("..", "..", "dataset", "testdata", "enterprise-19.0.stix21.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(plain)
	zw.Close()
	s := new(releaseServer)
	s.Server = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/index.json":
			fmt.Fprintf(w, `{"collections":[{"name":"Enterprise ATT&CK","versions":[{"version":"19.0","url":"%s%s","modified":"2026-04-28T00:00:00.000Z"}]}]}`, s.URL, release19)
		case release19:
			s.hits.Add(1)
			w.Write(gz.Bytes())
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	setHTTPClient(t, s.Client())
	t.Setenv(cacheDirEnv, t.TempDir())
	return s
}

// setHTTPClient sets the download client for the test's duration.
func setHTTPClient(t *testing.T, c *http.Client) {
	old := httpClient
	httpClient = c
	t.Cleanup(func() { httpClient = old })
}

// goOffline makes every later download fail.
func goOffline(t *testing.T) {
	setHTTPClient(t, &http.Client{Transport: offlineTransport{}})
}

// offlineTransport fails every request.
type offlineTransport struct{}

func (offlineTransport) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, errors.New("offline")
}

// reportAttack returns the attack member of a JSON check report.
func reportAttack(t *testing.T, out string) (domain, version, source string) {
	t.Helper()
	var rep struct {
		Attack struct{ Domain, Version, Source string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v in %q", err, out)
	}
	return rep.Attack.Domain, rep.Attack.Version, rep.Attack.Source
}

// TestAttackUpdate stores a release, then finds it by version offline in
// check, attack list and attack show.
func TestAttackUpdate(t *testing.T) {
	s := newReleaseServer(t)
	code, out, errs := runCLI(t, "attack", "update", "--index-url", s.URL+"/index.json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"enterprise-attack 19.0: downloaded", "sha256:  ", s.URL + release19, ".stix.json.gz", os.Getenv(cacheDirEnv)} {
		if !strings.Contains(out, want) {
			t.Errorf("update output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runCLI(t, "attack", "update", "--index-url", s.URL+"/index.json", "--version", "19.0")
	if code != exitOK || !strings.Contains(out, "already cached") || s.hits.Load() != 1 {
		t.Errorf("second update: exit %d, %d downloads:\n%s", code, s.hits.Load(), out)
	}

	goOffline(t)
	code, out, errs = runCLI(t, "check", "-f", "json", "--attack-version", "19.0", example)
	if code != exitFindings {
		t.Fatalf("check --attack-version 19.0: exit %d: %s", code, errs)
	}
	if d, v, src := reportAttack(t, out); d != "enterprise-attack" || v != "19.0" || src != s.URL+release19 {
		t.Errorf("report attack: %s %s %s", d, v, src)
	}

	code, out, _ = runCLI(t, "attack", "list")
	if code != exitOK || !strings.Contains(out, "enterprise-attack  19.0     cache "+s.URL+release19) || !strings.Contains(out, "embedded (default)") {
		t.Errorf("attack list: exit %d:\n%s", code, out)
	}
	code, out, _ = runCLI(t, "attack", "list", "-f", "json")
	var ds []struct {
		Domain, Version, Source string
		Default                 bool
		Cache                   *struct{ SHA256, URLs any }
	}
	if err := json.Unmarshal([]byte(out), &ds); code != exitOK || err != nil || len(ds) != len(attack.EmbeddedVersions())+1 {
		t.Fatalf("attack list -f json: exit %d, %v:\n%s", code, err, out)
	}
	cached := 0
	for _, d := range ds {
		if d.Source == "cache" {
			cached++
			if d.Version != "19.0" || d.Cache == nil || d.Default {
				t.Errorf("cached dataset %+v", d)
			}
		}
	}
	if cached != 1 {
		t.Errorf("%d cached datasets, want 1", cached)
	}

	code, out, errs = runCLI(t, "attack", "show", "--attack-version", "19.0")
	if code != exitOK || !strings.Contains(out, "enterprise-attack 19.0 ("+s.URL) || !strings.Contains(out, "mitre_stealth") {
		t.Errorf("attack show 19.0: exit %d: %s\n%s", code, errs, out)
	}
}

// TestCheckAttackDataURL: the second run with the same URL reads the
// cache.
func TestCheckAttackDataURL(t *testing.T) {
	s := newReleaseServer(t)
	u := s.URL + release19
	for i := range 2 {
		code, out, errs := runCLI(t, "check", "-f", "json", "--attack-data", u, example)
		if code != exitFindings {
			t.Fatalf("run %d: exit %d: %s", i, code, errs)
		}
		if _, v, src := reportAttack(t, out); v != "19.0" || src != u {
			t.Errorf("run %d: %s from %s", i, v, src)
		}
	}
	if n := s.hits.Load(); n != 1 {
		t.Errorf("%d downloads, want 1", n)
	}
	if code, _, errs := runCLI(t, "check", "--refresh", "--attack-data", u, example); code != exitFindings || s.hits.Load() != 2 {
		t.Errorf("--refresh: exit %d, %d downloads: %s", code, s.hits.Load(), errs)
	}
}

// TestAttackVersionFlag: --attack-version and --domain select embedded
// releases; one neither embedded nor cached is an input error that says
// how to get it.
func TestAttackVersionFlag(t *testing.T) {
	t.Setenv(cacheDirEnv, t.TempDir())
	goOffline(t)
	for _, r := range attack.EmbeddedVersions() {
		code, out, errs := runCLI(t, "check", "-f", "json", "--fail-on", "never", "--domain", r.Domain, "--attack-version", r.Version, example)
		if code != exitOK {
			t.Errorf("%s: exit %d: %s", r, code, errs)
			continue
		}
		if d, v, src := reportAttack(t, out); d != r.Domain || v != r.Version || src != "embedded" {
			t.Errorf("%s: report says %s %s %s", r, d, v, src)
		}
	}
	// 13.1 is embedded or not, depending on the build; either way the
	// outcome is clear.
	code, out, errs := runCLI(t, "check", "-f", "json", "--fail-on", "never", "--attack-version", "13.1", example)
	switch code {
	case exitOK:
		if _, v, _ := reportAttack(t, out); v != "13.1" {
			t.Errorf("13.1: report says %s", v)
		}
	case exitInput:
		if !strings.Contains(errs, "falcomitre attack update --version 13.1") {
			t.Errorf("13.1: %s", errs)
		}
	default:
		t.Errorf("13.1: exit %d: %s", code, errs)
	}
	code, _, errs = runCLI(t, "check", "--attack-version", "99.0", "--domain", "mobile", example)
	if code != exitInput || !strings.Contains(errs, "no ATT&CK data for mobile-attack 99.0") || !strings.Contains(errs, "falcomitre attack update --version 99.0 --domain mobile") {
		t.Errorf("99.0: exit %d: %s", code, errs)
	}
}

// TestAttackDataErrors: bad data flags are input errors.
func TestAttackDataErrors(t *testing.T) {
	t.Setenv(cacheDirEnv, t.TempDir())
	goOffline(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--attack-sha256", strings.Repeat("0", 64)}, "--attack-sha256 goes with an https:// --attack-data URL"},
		{[]string{"--attack-data", "http://example.com/enterprise-attack-18.1.json"}, "only https:// URLs"},
		{[]string{"--attack-data", "https://example.com/x.json", "--attack-sha256", "nothex"}, "64 hex digits"},
		{[]string{"--attack-data", "https://example.com/x.json"}, "offline"},
		{[]string{"--domain", "cloud"}, `unknown ATT&CK domain "cloud"`},
		{[]string{"--attack-data", "15.1", "--attack-version", "16.1"}, "two ATT&CK versions"},
	} {
		code, _, errs := runCLI(t, append(append([]string{"check"}, tc.args...), example)...)
		if code != exitInput || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", tc.args, code, errs, tc.want)
		}
	}
	if files, _ := os.ReadDir(os.Getenv(cacheDirEnv)); len(files) > 0 {
		t.Errorf("the cache is not empty after errors")
	}
}

// TestAttackShow prints the embedded default in both formats.
func TestAttackShow(t *testing.T) {
	code, out, errs := runCLI(t, "attack", "show")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	def, err := attack.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{def.Domain + " " + def.Version + " (embedded)", "TA0004  Privilege Escalation", "mitre_privilege_escalation", "sub-techniques", "revoked"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runCLI(t, "attack", "show", "--domain", "enterprise", "-f", "json")
	var s struct {
		Domain, Version string
		Tactics         []struct {
			ID, Tag    string
			Techniques int
		}
		Techniques, Revoked int
	}
	if err := json.Unmarshal([]byte(out), &s); code != exitOK || err != nil {
		t.Fatalf("exit %d, %v:\n%s", code, err, out)
	}
	if s.Domain != def.Domain || len(s.Tactics) != len(def.Tactics) || s.Tactics[0].Tag == "" || s.Techniques == 0 || s.Revoked == 0 {
		t.Errorf("summary %+v", s)
	}
	if code, _, _ := runCLI(t, "attack", "show", "-f", "xml"); code != exitInput {
		t.Errorf("-f xml: exit %d", code)
	}
	if code, _, _ := runCLI(t, "attack", "list", "-f", "xml"); code != exitInput {
		t.Errorf("list -f xml: exit %d", code)
	}
}

// TestAttackUpdateErrors: an unknown version lists the known ones and
// nothing is cached.
func TestAttackUpdateErrors(t *testing.T) {
	s := newReleaseServer(t)
	code, _, errs := runCLI(t, "attack", "update", "--index-url", s.URL+"/index.json", "--version", "17.0")
	if code != exitInput || !strings.Contains(errs, "has no enterprise-attack 17.0; it has 19.0") {
		t.Errorf("exit %d: %s", code, errs)
	}
	code, _, errs = runCLI(t, "attack", "update", "--index-url", s.URL+"/index.json", "--sha256", strings.Repeat("a", 64))
	if code != exitInput || !strings.Contains(errs, "checksum mismatch") {
		t.Errorf("exit %d: %s", code, errs)
	}
	if files, _ := os.ReadDir(os.Getenv(cacheDirEnv)); len(files) > 0 {
		t.Errorf("the cache is not empty after errors")
	}
}
