package dataset

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// sharedDir holds real ATT&CK bundles beside the module (see the attack
// package's shared_test.go).
var sharedDir = filepath.Join("..", "..", "shared", "attack")

// sharedFile reads a shared file, skipping the test when it is absent.
func sharedFile(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(sharedDir, name))
	if err != nil {
		tb.Skipf("shared ATT&CK data not available (%v); it lives in %s beside the module", err, sharedDir)
	}
	return b
}

// bundle19 returns the hand-made "Enterprise ATT&CK" 19.0 bundle,
// gzipped as a release server might send it.
func bundle19(tb testing.TB) []byte {
	tb.Helper()
	return gzipped(tb, plain19(tb))
}

// plain19 returns the hand-made 19.0 bundle as plain JSON.
func plain19(tb testing.TB) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "enterprise-19.0.stix21.json"))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// withVersion returns the plain 19.0 bundle with its collection saying
// another version.
func withVersion(tb testing.TB, v string) []byte {
	tb.Helper()
	const old = `"x_mitre_version": "19.0"`
	b := plain19(tb)
	if !bytes.Contains(b, []byte(old)) {
		tb.Fatalf("test bundle lacks %s", old)
	}
	return bytes.Replace(b, []byte(old), []byte(`"x_mitre_version": "`+v+`"`), 1)
}

// gzipped compresses b.
func gzipped(tb testing.TB, b []byte) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// fakeServer is a release server over TLS: an index and bundles, plus
// paths that fail in every way a download can.
type fakeServer struct {
	*httptest.Server
	files map[string][]byte // path → body
	hits  atomic.Int64      // requests for files
	index string            // index.json, with SERVER for the base URL
}

// newFakeServer serves files; "/index.json" lists each file whose path
// starts with /<domain>/<domain>-<version>. as that release.
func newFakeServer(t testing.TB, files map[string][]byte) *fakeServer {
	t.Helper()
	s := &fakeServer{files: files}
	s.Server = httptest.NewTLSServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// url returns the absolute URL of path on the server.
func (s *fakeServer) url(path string) string { return s.Server.URL + path }

func (s *fakeServer) serve(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/index.json":
		fmt.Fprint(w, strings.ReplaceAll(s.index, "SERVER", s.Server.URL))
		return
	case "/missing":
		http.NotFound(w, r)
		return
	case "/loop":
		http.Redirect(w, r, "/loop", http.StatusFound)
		return
	case "/to-http":
		http.Redirect(w, r, "http://"+r.Host+"/enterprise-attack/enterprise-attack-19.0.json", http.StatusFound)
		return
	case "/moved":
		http.Redirect(w, r, "/enterprise-attack/enterprise-attack-19.0.json", http.StatusMovedPermanently)
		return
	case "/truncated":
		// Promise more than is sent: the server then cuts the connection.
		w.Header().Set("Content-Length", "100000")
		w.Write(bytes.Repeat([]byte("x"), 1000))
		return
	case "/slow":
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
		return
	case "/chunked":
		// No Content-Length: the size limit must hold while reading.
		b := s.files[release19]
		w.Write(b[:len(b)/2])
		w.(http.Flusher).Flush()
		w.Write(b[len(b)/2:])
		return
	case "/not-a-bundle":
		fmt.Fprint(w, `{"type":"bundle","objects":[{"type":"note"}]}`)
		return
	case "/not-json":
		fmt.Fprint(w, "<html>rate limited</html>")
		return
	}
	b, ok := s.files[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	s.hits.Add(1)
	w.Header().Set("Content-Length", fmt.Sprint(len(b)))
	w.Write(b)
}

// fakeIndex writes an index.json in MITRE's shape; each release is
// "Domain version path".
func fakeIndex(releases ...[3]string) string {
	byName := map[string][]string{}
	var names []string
	for _, r := range releases {
		if _, ok := byName[r[0]]; !ok {
			names = append(names, r[0])
		}
		byName[r[0]] = append(byName[r[0]], fmt.Sprintf(`{"version":%q,"url":"SERVER%s","modified":"2026-04-28T00:00:00.000Z"}`, r[1], r[2]))
	}
	var cols []string
	for _, n := range names {
		cols = append(cols, fmt.Sprintf(`{"id":"x","name":%q,"versions":[%s]}`, n, strings.Join(byName[n], ",")))
	}
	return `{"name":"MITRE ATT&CK","collections":[` + strings.Join(cols, ",") + `]}`
}

// release19 is the path the fake server serves the 19.0 bundle at.
const release19 = "/enterprise-attack/enterprise-attack-19.0.json"

// newTestClient returns a client of s with an empty cache of its own.
func newTestClient(t testing.TB, s *fakeServer) *Client {
	t.Helper()
	return &Client{
		HTTP:     s.Client(),
		Timeout:  10 * time.Second,
		Cache:    Cache{Dir: t.TempDir()},
		IndexURL: s.url("/index.json"),
	}
}

// cacheFiles lists every file under the cache, relative to its root.
func cacheFiles(t testing.TB, c *Client) []string {
	t.Helper()
	var out []string
	filepath.Walk(c.Cache.Dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			rel, _ := filepath.Rel(c.Cache.Dir, p)
			out = append(out, rel)
		}
		return nil
	})
	return out
}
