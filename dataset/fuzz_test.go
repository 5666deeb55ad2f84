package dataset

import (
	"strings"
	"testing"
)

// FuzzParseIndex: no index panics ParseIndex, an error names the index,
// and what parses lists only known domains, newest version first, each
// of which Find returns.
func FuzzParseIndex(f *testing.F) {
	f.Add([]byte(`{"collections":[{"name":"Enterprise ATT&CK","versions":[{"version":"18.1","url":"https://x/e-18.1.json","modified":"2025"},{"version":"9.0","url":"https://x/e-9.json"}]}]}`))
	f.Add([]byte(`{"collections":[{"name":"ICS ATT&CK","versions":[{"version":"v1","url":"u"}]},{"name":"Other","versions":[{"version":"1","url":"u"}]}]}`))
	f.Add([]byte(`{"collections":[{"name":" mobile ","versions":[]}]}`))
	f.Add([]byte{0x1f, 0x8b, 0x08, 0x00})
	f.Fuzz(func(t *testing.T, data []byte) {
		ix, err := ParseIndex(data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "ATT&CK release index") {
				t.Errorf("error %q does not say what it was reading", err)
			}
			return
		}
		for i, r := range ix.Releases {
			if r.Domain == "" || r.Version == "" || r.URL == "" {
				t.Fatalf("release %d is incomplete: %+v", i, r)
			}
			if i > 0 && ix.Releases[i-1].Domain == r.Domain && compareVersions(ix.Releases[i-1].Version, r.Version) < 0 {
				t.Fatalf("releases %d and %d are not newest first: %+v", i-1, i, ix.Releases)
			}
			got, err := ix.Find(r.Domain, r.Version)
			if err != nil || got.Domain != r.Domain || got.Version != r.Version {
				t.Fatalf("Find(%q, %q) = %+v, %v", r.Domain, r.Version, got, err)
			}
		}
	})
}
