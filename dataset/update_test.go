package dataset

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
)

// offline returns a copy of c whose every request fails, to prove a run
// needs no network.
func offline(c *Client) *Client {
	cp := *c
	cp.HTTP = &http.Client{Transport: failTransport{}}
	return &cp
}

// failTransport fails every request.
type failTransport struct{}

func (failTransport) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, errOffline
}

// errOffline is what every request fails with.
var errOffline = errors.New("offline")

// TestUpdateThenOpenByVersion: a release stored by Update is found by
// version, offline, in every way a user names it.
func TestUpdateThenOpenByVersion(t *testing.T) {
	s := newFakeServer(t, map[string][]byte{release19: bundle19(t)})
	s.index = fakeIndex([3]string{"Enterprise ATT&CK", "19.0", release19}, [3]string{"ICS ATT&CK", "18.1", "/ics/ics-attack-18.1.json"})
	c := newTestClient(t, s)
	ctx := context.Background()
	up, err := c.Update(ctx, "", "", UpdateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !up.Downloaded || up.Release.Version != "19.0" || up.Entry.Version != "19.0" || !up.Entry.Release {
		t.Errorf("Update: %+v, entry %+v", up, up.Entry)
	}
	// Again: the cache has it.
	if up, err := c.Update(ctx, "enterprise", "19.0", UpdateOptions{}); err != nil || up.Downloaded {
		t.Errorf("second Update: %+v, %v", up, err)
	}
	if n := s.hits.Load(); n != 1 {
		t.Errorf("%d bundle requests, want 1", n)
	}

	off := offline(c)
	for _, sp := range []Spec{{Version: "19.0"}, {Version: "v19.0", Domain: "enterprise"}, {Source: "19.0"}, {Source: "19.0", Version: "19.0"}} {
		cat, err := off.Open(ctx, sp)
		if err != nil {
			t.Errorf("%+v: %v", sp, err)
			continue
		}
		if cat.Version != "19.0" || cat.Source != s.url(release19) {
			t.Errorf("%+v: %s from %s", sp, cat.Version, cat.Source)
		}
	}
	if _, err := off.Open(ctx, Spec{Source: "19.0", Version: "18.1"}); err == nil {
		t.Error("two versions: no error")
	}
	// The embedded default is not displaced by a newer cached release.
	cat, err := off.Open(ctx, Spec{})
	if err != nil || cat.Source != attack.EmbeddedSource {
		t.Errorf("default: %v, %v", cat, err)
	}
}

// TestUpdateRefresh: Refresh downloads a cached release again; a plain
// download of the release URL becomes a release.
func TestUpdateRefresh(t *testing.T) {
	s := newFakeServer(t, map[string][]byte{release19: bundle19(t)})
	s.index = fakeIndex([3]string{"Enterprise ATT&CK", "19.0", release19})
	c := newTestClient(t, s)
	ctx := context.Background()
	if _, err := c.Open(ctx, Spec{Source: s.url(release19)}); err != nil {
		t.Fatal(err)
	}
	up, err := c.Update(ctx, "", "19.0", UpdateOptions{})
	if err != nil || up.Downloaded || !up.Entry.Release {
		t.Fatalf("Update over a plain download: %+v, %v", up, err)
	}
	if e, _ := c.Cache.findRelease("enterprise-attack", "19.0"); e == nil || !e.Release {
		t.Errorf("not recorded as a release: %+v", e)
	}
	if up, err := c.Update(ctx, "", "19.0", UpdateOptions{Refresh: true}); err != nil || !up.Downloaded {
		t.Errorf("Refresh: %+v, %v", up, err)
	}
	if n := s.hits.Load(); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

// TestUpdateIndexMismatch: a bundle that is not the release the index
// promised is refused and not cached.
func TestUpdateIndexMismatch(t *testing.T) {
	s := newFakeServer(t, map[string][]byte{"/enterprise-attack/enterprise-attack-18.0.json": bundle19(t)})
	s.index = fakeIndex([3]string{"Enterprise ATT&CK", "18.0", "/enterprise-attack/enterprise-attack-18.0.json"})
	c := newTestClient(t, s)
	_, err := c.Update(context.Background(), "", "18.0", UpdateOptions{})
	if err == nil || !strings.Contains(err.Error(), "the release index promised enterprise-attack 18.0, the bundle is enterprise-attack 19.0") {
		t.Fatalf("error %v", err)
	}
	if files := cacheFiles(t, c); len(files) > 0 {
		t.Errorf("cache holds %v", files)
	}
}

// TestUpdateErrors: unknown versions and domains, bad checksums and
// broken indexes say what is wrong.
func TestUpdateErrors(t *testing.T) {
	s := newFakeServer(t, map[string][]byte{release19: bundle19(t)})
	s.index = fakeIndex([3]string{"Enterprise ATT&CK", "19.0", release19}, [3]string{"Enterprise ATT&CK", "9.0", "/e9"}, [3]string{"Enterprise ATT&CK", "10.0", "/e10"})
	c := newTestClient(t, s)
	ctx := context.Background()
	for _, tc := range []struct {
		domain, version, sha, want string
	}{
		{"", "17.0", "", "has no enterprise-attack 17.0; it has 19.0, 10.0, 9.0"},
		{"mobile", "", "", "lists no mobile-attack release"},
		{"cloud", "", "", `unknown ATT&CK domain "cloud"`},
		{"", "", strings.Repeat("1", 64), "checksum mismatch"},
		{"", "", "xyz", "want 64 hex digits"},
	} {
		if _, err := c.Update(ctx, tc.domain, tc.version, UpdateOptions{SHA256: tc.sha}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Update(%q, %q): %v, want %q", tc.domain, tc.version, err, tc.want)
		}
	}
	c.IndexURL = s.url("/not-json")
	if _, err := c.Update(ctx, "", "", UpdateOptions{}); err == nil || !strings.Contains(err.Error(), "ATT&CK release index") {
		t.Errorf("broken index: %v", err)
	}
	c.IndexURL = s.url("/missing")
	if _, err := c.Update(ctx, "", "", UpdateOptions{}); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("missing index: %v", err)
	}
	if files := cacheFiles(t, c); len(files) > 0 {
		t.Errorf("cache holds %v", files)
	}
}

// TestOpenNotFound: a version neither embedded nor cached names both
// lists and the command that fetches it.
func TestOpenNotFound(t *testing.T) {
	c := &Client{Cache: Cache{Dir: t.TempDir()}}
	_, err := c.Open(context.Background(), Spec{Version: "99.0", Domain: "ics"})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"no ATT&CK data for ics-attack 99.0", "ics-attack versions embedded: ", "cached: none", "falcomitre attack update --version 99.0 --domain ics"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

// TestOpenEmbeddedAndFile: the sources that need no network.
func TestOpenEmbeddedAndFile(t *testing.T) {
	c := &Client{Cache: Cache{Dir: t.TempDir()}}
	ctx := context.Background()
	for _, r := range attack.EmbeddedVersions() {
		for _, sp := range []Spec{{Domain: r.Domain, Version: r.Version}, {Domain: r.Domain, Source: r.Version}} {
			cat, err := c.Open(ctx, sp)
			if err != nil || cat.Domain != r.Domain || cat.Version != r.Version || cat.Source != attack.EmbeddedSource {
				t.Errorf("%+v: %v, %v", sp, cat, err)
			}
		}
	}
	cat, err := c.Open(ctx, Spec{Source: "testdata/enterprise-19.0.stix21.json"})
	if err != nil || cat.Version != "19.0" {
		t.Errorf("file: %v, %v", cat, err)
	}
	if _, err := c.Open(ctx, Spec{Source: "testdata/none.json"}); err == nil {
		t.Error("missing file: no error")
	}
	if _, err := c.Open(ctx, Spec{Domain: "cloud"}); err == nil {
		t.Error("unknown domain: no error")
	}
}

// TestList: embedded and cached datasets together, one default per
// domain.
func TestList(t *testing.T) {
	s := newFakeServer(t, map[string][]byte{release19: bundle19(t)})
	c := newTestClient(t, s)
	if _, err := c.Open(context.Background(), Spec{Source: s.url(release19)}); err != nil {
		t.Fatal(err)
	}
	ds, err := c.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != len(attack.EmbeddedVersions())+1 {
		t.Fatalf("%d datasets: %+v", len(ds), ds)
	}
	defaults := map[string]int{}
	var cached *Dataset
	for i, d := range ds {
		if d.Default {
			defaults[d.Domain]++
			if d.Source != SourceEmbedded {
				t.Errorf("default %+v is not embedded", d)
			}
		}
		if d.Source == SourceCache {
			cached = &ds[i]
		}
	}
	if defaults[attack.DomainEnterprise] != 1 {
		t.Errorf("defaults %v", defaults)
	}
	if cached == nil || cached.Version != "19.0" || cached.Entry == nil || cached.Entry.URL() != s.url(release19) {
		t.Errorf("cached dataset %+v", cached)
	}
}

// TestParseIndexReal reads MITRE's real index.json.
func TestParseIndexReal(t *testing.T) {
	ix, err := ParseIndex(sharedFile(t, "attack-stix-data-index.json.gz"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ domain, version, want string }{
		{"", "", "18.1"},
		{"ics", "13.1", "13.1"},
		{"mobile-attack", "v17.0", "17.0"},
		{"Enterprise", "9.0", "9.0"},
	} {
		r, err := ix.Find(tc.domain, tc.version)
		if err != nil || r.Version != tc.want || !strings.HasPrefix(r.URL, "https://raw.githubusercontent.com/mitre-attack/attack-stix-data/") || !strings.Contains(r.URL, r.Domain+"-"+r.Version+".json") {
			t.Errorf("Find(%q, %q) = %+v, %v", tc.domain, tc.version, r, err)
		}
	}
	if _, err := ix.Find("", "0.1"); err == nil || !strings.Contains(err.Error(), "18.1, 18.0, 17.1") {
		t.Errorf("unknown version: %v", err)
	}
}

// TestRealICS downloads MITRE's ICS 18.1 STIX 2.1 bundle as released.
func TestRealICS(t *testing.T) {
	b := sharedFile(t, "ics-attack-18.1.stix21.json.gz")
	const p = "/ics-attack/ics-attack-18.1.json"
	s := newFakeServer(t, map[string][]byte{p: b})
	s.index = fakeIndex([3]string{"ICS ATT&CK", "18.1", p})
	c := newTestClient(t, s)
	up, err := c.Update(context.Background(), "ics", "", UpdateOptions{SHA256: hexSHA256(b)})
	if err != nil {
		t.Fatal(err)
	}
	if up.Entry.Domain != attack.DomainICS || up.Entry.Version != "18.1" {
		t.Errorf("entry %+v", up.Entry)
	}
	cat, err := offline(c).Open(context.Background(), Spec{Source: s.url(p)})
	if err != nil || cat.Domain != attack.DomainICS || len(cat.Techniques) < 50 {
		t.Errorf("%v, %v", cat, err)
	}
}

// TestDamagedReleaseOffline: a cached release whose bundle and catalog
// are both damaged cannot be repaired offline, and the error says so.
func TestDamagedReleaseOffline(t *testing.T) {
	s := newFakeServer(t, map[string][]byte{release19: bundle19(t)})
	s.index = fakeIndex([3]string{"Enterprise ATT&CK", "19.0", release19})
	c := newTestClient(t, s)
	up, err := c.Update(context.Background(), "", "", UpdateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	flipByte(t, up.Entry.CatalogPath())
	flipByte(t, up.Entry.BundlePath())
	_, err = offline(c).Open(context.Background(), Spec{Version: "19.0"})
	if err == nil || !strings.Contains(err.Error(), "enterprise-attack 19.0 is damaged and downloading it again failed") {
		t.Fatalf("offline: %v", err)
	}
	// Online, it is downloaded again and whole.
	if cat, err := c.Open(context.Background(), Spec{Version: "19.0"}); err != nil || cat.Version != "19.0" || s.hits.Load() != 2 {
		t.Errorf("online: %v, %v, %d downloads", cat, err, s.hits.Load())
	}
}
