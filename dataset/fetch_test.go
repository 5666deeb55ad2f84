package dataset

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// TestOpenURLCaches: the second Open of a URL reads the cache, not the
// server, and gives the same catalog.
func TestOpenURLCaches(t *testing.T) {
	s := newFakeServer(t, map[string][]byte{release19: bundle19(t)})
	c := newTestClient(t, s)
	ctx := context.Background()
	u := s.url(release19)
	first, err := c.Open(ctx, Spec{Source: u})
	if err != nil {
		t.Fatal(err)
	}
	if first.Domain != "enterprise-attack" || first.Version != "19.0" || first.Source != u {
		t.Errorf("first Open: %s %s from %s", first.Domain, first.Version, first.Source)
	}
	second, err := c.Open(ctx, Spec{Source: u})
	if err != nil {
		t.Fatal(err)
	}
	if n := s.hits.Load(); n != 1 {
		t.Errorf("%d requests for the bundle, want 1", n)
	}
	sameCatalog(t, first, second)
	if second.Source != u {
		t.Errorf("cached Source = %q, want %q", second.Source, u)
	}

	// Refresh downloads again; the entry stays one.
	if _, err := c.Open(ctx, Spec{Source: u, Refresh: true}); err != nil {
		t.Fatal(err)
	}
	if n := s.hits.Load(); n != 2 {
		t.Errorf("after Refresh: %d requests, want 2", n)
	}
	if es, _ := c.Cache.List(); len(es) != 1 || es[0].URL() != u || es[0].Size != int64(len(bundle19(t))) {
		t.Errorf("cache entries: %+v", es)
	}
}

// TestOpenURLChecksum: a right SHA-256 is accepted and lets a later Open
// find the bytes without the URL index; a wrong one caches nothing.
func TestOpenURLChecksum(t *testing.T) {
	b := bundle19(t)
	s := newFakeServer(t, map[string][]byte{release19: b})
	c := newTestClient(t, s)
	ctx := context.Background()
	sum := hexSHA256(b)
	if _, err := c.Open(ctx, Spec{Source: s.url(release19), SHA256: strings.ToUpper(sum)}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Open(ctx, Spec{Source: s.url(release19), SHA256: sum}); err != nil || s.hits.Load() != 1 {
		t.Errorf("second Open with the SHA-256: %v, %d requests", err, s.hits.Load())
	}
	if _, err := c.Open(ctx, Spec{Source: s.url(release19), SHA256: "abc"}); err == nil || !strings.Contains(err.Error(), "64 hex digits") {
		t.Errorf("short SHA-256: %v", err)
	}
	if _, err := c.Open(ctx, Spec{Source: "bundle.json", SHA256: sum}); err == nil || !strings.Contains(err.Error(), "https") {
		t.Errorf("SHA-256 with a file: %v", err)
	}
}

// TestOpenURLErrors: each way a download fails gives a clear error and
// leaves the cache without an entry or a temporary file.
func TestOpenURLErrors(t *testing.T) {
	s := newFakeServer(t, map[string][]byte{release19: bundle19(t)})
	zero := strings.Repeat("0", 64)
	for _, tc := range []struct {
		name, path string
		tune       func(*Client, *Spec)
		want       string
	}{
		{"bad checksum", release19, func(_ *Client, sp *Spec) { sp.SHA256 = zero }, "checksum mismatch: got " + hexSHA256(bundle19(t)) + ", want " + zero},
		{"truncated", "/truncated", nil, "connection cut after 1000 bytes"},
		{"timeout", "/slow", func(c *Client, _ *Spec) { c.Timeout = time.Second }, "timed out after 1s"},
		{"404", "/missing", nil, "/missing: the server answered 404 Not Found"},
		{"redirect loop", "/loop", nil, "stopped after 10 redirects"},
		{"redirect to http", "/to-http", nil, "refusing a redirect to \"http://"},
		{"oversize", release19, func(c *Client, _ *Spec) { c.MaxBytes = 100 }, "more than the limit of 100"},
		{"oversize, length unknown", "/chunked", func(c *Client, _ *Spec) { c.MaxBytes = 100 }, "more than the limit of 100 bytes"},
		{"not a bundle", "/not-a-bundle", nil, "not an ATT&CK bundle"},
		{"not JSON", "/not-json", nil, "not an ATT&CK bundle"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestClient(t, s)
			sp := Spec{Source: s.url(tc.path)}
			if tc.tune != nil {
				tc.tune(c, &sp)
			}
			start := time.Now()
			_, err := c.Open(context.Background(), sp)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
			t.Log(err)
			if time.Since(start) > 5*time.Second {
				t.Errorf("took %s", time.Since(start))
			}
			if files := cacheFiles(t, c); len(files) > 0 {
				t.Errorf("cache holds %v after a failed download", files)
			}
		})
	}
}

// TestOpenRefusesHTTP: only https:// URLs are downloaded.
func TestOpenRefusesHTTP(t *testing.T) {
	c := &Client{Cache: Cache{Dir: t.TempDir()}}
	for _, u := range []string{"http://example.com/enterprise-attack.json", "ftp://example.com/x.json", "file:///etc/passwd", "https:///nohost"} {
		_, err := c.Open(context.Background(), Spec{Source: u})
		if err == nil || !(strings.Contains(err.Error(), "only https:// URLs") || strings.Contains(err.Error(), "no host")) {
			t.Errorf("%s: %v", u, err)
		}
	}
}

// TestUnknownLength: a body without Content-Length downloads whole.
func TestUnknownLength(t *testing.T) {
	s := newFakeServer(t, map[string][]byte{release19: bundle19(t)})
	c := newTestClient(t, s)
	var buf bytes.Buffer
	c.Progress = &buf
	cat, err := c.Open(context.Background(), Spec{Source: s.url("/chunked")})
	if err != nil || cat.Version != "19.0" {
		t.Fatalf("%v, %v", cat, err)
	}
	if out := buf.String(); !strings.HasPrefix(out, "\rdownloading chunked: ") || strings.Contains(out, "/") {
		t.Errorf("progress output %q", out)
	}
}

// TestRedirectFollowed: one HTTPS redirect is fine, and the entry is
// cached under the URL asked for.
func TestRedirectFollowed(t *testing.T) {
	s := newFakeServer(t, map[string][]byte{release19: bundle19(t)})
	c := newTestClient(t, s)
	if _, err := c.Open(context.Background(), Spec{Source: s.url("/moved")}); err != nil {
		t.Fatal(err)
	}
	if c.Cache.lookupURL(s.url("/moved")) == "" {
		t.Error("the URL asked for is not in the URL index")
	}
}

// TestProgress: the meter redraws one line and ends it.
func TestProgress(t *testing.T) {
	s := newFakeServer(t, map[string][]byte{release19: bundle19(t)})
	c := newTestClient(t, s)
	var buf bytes.Buffer
	c.Progress = &buf
	if _, err := c.Open(context.Background(), Spec{Source: s.url(release19)}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "\rdownloading enterprise-attack-19.0.json: ") || !strings.HasSuffix(out, " MB\n") || strings.Count(out, "\n") != 1 {
		t.Errorf("progress output %q", out)
	}
}
