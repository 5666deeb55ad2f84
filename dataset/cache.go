package dataset

import (
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Cache is a directory of downloaded ATT&CK bundles, each kept as it came
// and beside it the compact catalog a run decodes, so that a cached run
// costs what the embedded catalog does and never reads the bundle.
//
// Layout, every file named by the bundle's hex SHA-256 and written
// atomically:
//
//	<sha>.stix.json or <sha>.stix.json.gz  the bundle as downloaded
//	<sha>.catalog.json                     its compact catalog
//	<sha>.meta.json                        an Entry, written last
//	urls/<sha of the URL>.json             {"url":..., "sha256":<sha>}
type Cache struct {
	// Dir is the cache's root; "" means DefaultCacheDir().
	Dir string
}

// urlsDir holds the URL index inside the cache root.
const urlsDir = "urls"

// DefaultCacheDir returns the user's cache directory for ATT&CK data:
// falcomitre/attack under os.UserCacheDir.
func DefaultCacheDir() (string, error) {
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("finding the ATT&CK cache: %w", err)
	}
	return filepath.Join(d, "falcomitre", "attack"), nil
}

// Root returns the cache directory in use, which need not exist yet.
func (c Cache) Root() (string, error) {
	if c.Dir != "" {
		return c.Dir, nil
	}
	return DefaultCacheDir()
}

// List returns the cached datasets by domain, then version (numerically),
// then fetch time. A missing cache is an empty one; entries without valid
// metadata are left out, as Open would ignore them.
func (c Cache) List() ([]Entry, error) {
	root, err := c.Root()
	if err != nil {
		return nil, err
	}
	files, err := os.ReadDir(root)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("listing the ATT&CK cache: %w", err)
	}
	var out []Entry
	for _, f := range files {
		sha, ok := strings.CutSuffix(f.Name(), metaSuffix)
		if !ok || !validSHA256(sha) {
			continue
		}
		if e, err := readEntry(root, sha); err == nil {
			out = append(out, *e)
		}
	}
	slices.SortFunc(out, func(a, b Entry) int {
		return cmp.Or(strings.Compare(a.Domain, b.Domain), compareVersions(a.Version, b.Version), a.Fetched.Compare(b.Fetched))
	})
	return out, nil
}

// findRelease returns the cached entry for domain and version, or nil.
// A release stored by Update wins over other downloads that say the same
// version, then the latest fetched.
func (c Cache) findRelease(domain, version string) (*Entry, error) {
	all, err := c.List()
	if err != nil {
		return nil, err
	}
	var best *Entry
	for i := range all {
		e := &all[i]
		if e.Domain != domain || e.Version != version {
			continue
		}
		if best == nil || (e.Release && !best.Release) || (e.Release == best.Release && e.Fetched.After(best.Fetched)) {
			best = e
		}
	}
	return best, nil
}

// urlRecord is one URL index file.
type urlRecord struct {
	URL    string `json:"url"`
	SHA256 string `json:"sha256"`
}

// urlFile returns the URL index file's name for raw: the URL's hex
// SHA-256, since a URL is no file name.
func urlFile(raw string) string { return hexSHA256([]byte(raw)) + ".json" }

// lookupURL returns the SHA-256 of the bundle last downloaded from raw,
// or "" when the URL is not cached.
func (c Cache) lookupURL(raw string) string {
	root, err := c.Root()
	if err != nil {
		return ""
	}
	b, err := os.ReadFile(filepath.Join(root, urlsDir, urlFile(raw)))
	if err != nil {
		return ""
	}
	var r urlRecord
	if json.Unmarshal(b, &r) != nil || r.URL != raw || !validSHA256(r.SHA256) {
		return ""
	}
	return r.SHA256
}
