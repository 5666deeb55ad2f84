package dataset

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/falcomitre/falcomitre/attack"
)

// Entry is one cached dataset as its metadata file describes it. The
// metadata is written after the files it names, so an entry whose
// metadata does not read back valid does not exist.
type Entry struct {
	// Format is the attack.CompactFormat of the catalog file; another
	// value means the catalog was written by another falcomitre and is
	// rebuilt from the bundle.
	Format  int    `json:"format"`
	Domain  string `json:"domain"`
	Version string `json:"version"`
	// URLs are the addresses these bytes were downloaded from.
	URLs []string `json:"urls"`
	// SHA256 is the hex SHA-256 of the bundle as downloaded; it names
	// the entry's files.
	SHA256 string `json:"sha256"`
	// CatalogSHA256 is the hex SHA-256 of the compact catalog file, so
	// a run can trust it without reading the bundle.
	CatalogSHA256 string    `json:"catalog_sha256"`
	Size          int64     `json:"size"`   // of the bundle, in bytes
	Bundle        string    `json:"bundle"` // the bundle's file name in Dir
	Fetched       time.Time `json:"fetched"`
	// Release marks a release stored by Update from MITRE's index.
	Release bool `json:"release,omitempty"`

	// Dir is the cache directory the entry was read from or written to.
	Dir string `json:"-"`
}

// URL returns the first address the bundle came from.
func (e *Entry) URL() string {
	if len(e.URLs) == 0 {
		return ""
	}
	return e.URLs[0]
}

// BundlePath returns the path of the bundle as downloaded.
func (e *Entry) BundlePath() string { return filepath.Join(e.Dir, e.Bundle) }

// CatalogPath returns the path of the compact catalog.
func (e *Entry) CatalogPath() string { return filepath.Join(e.Dir, catalogName(e.SHA256)) }

// File names of an entry, all starting with the bundle's hex SHA-256.
func bundleName(sha string, gzipped bool) string {
	if gzipped {
		return sha + ".stix.json.gz"
	}
	return sha + ".stix.json"
}
func catalogName(sha string) string { return sha + ".catalog.json" }
func metaName(sha string) string    { return sha + ".meta.json" }

// metaSuffix ends every metadata file's name.
const metaSuffix = ".meta.json"

// hexSHA256 returns the lowercase hex SHA-256 of b.
func hexSHA256(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// validSHA256 reports whether s is a lowercase hex SHA-256.
func validSHA256(s string) bool {
	if len(s) != sha256.Size*2 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// readEntry reads and checks the metadata of the entry sha in dir. It
// returns the decoded entry with the error when the metadata reads but is
// stale or inconsistent, so a rebuild can keep its URLs and fetch time.
func readEntry(dir, sha string) (*Entry, error) {
	b, err := os.ReadFile(filepath.Join(dir, metaName(sha)))
	if err != nil {
		return nil, err
	}
	e := new(Entry)
	if err := json.Unmarshal(b, e); err != nil {
		return nil, fmt.Errorf("cached ATT&CK entry %s: %w", sha, err)
	}
	e.Dir = dir
	switch {
	case e.SHA256 != sha:
		return nil, fmt.Errorf("cached ATT&CK entry %s: its metadata names %q", sha, e.SHA256)
	case e.Bundle != bundleName(sha, false) && e.Bundle != bundleName(sha, true):
		// Bundle becomes a path: anything else could point outside the cache.
		return nil, fmt.Errorf("cached ATT&CK entry %s: unexpected bundle name %q", sha, e.Bundle)
	case e.Format != attack.CompactFormat:
		return e, fmt.Errorf("cached ATT&CK entry %s: catalog format %d, want %d", sha, e.Format, attack.CompactFormat)
	case e.Domain == "" || e.Version == "" || !validSHA256(e.CatalogSHA256):
		return e, fmt.Errorf("cached ATT&CK entry %s: incomplete metadata", sha)
	}
	return e, nil
}

// loadCatalog reads the entry's compact catalog, checks it against the
// metadata and decodes it: the whole cost of a cached run.
func loadCatalog(e *Entry, source string) (*attack.Catalog, error) {
	b, err := os.ReadFile(e.CatalogPath())
	if err != nil {
		return nil, err
	}
	if got := hexSHA256(b); got != e.CatalogSHA256 {
		return nil, fmt.Errorf("cached ATT&CK catalog %s: checksum mismatch: got %s, want %s", e.CatalogPath(), got, e.CatalogSHA256)
	}
	cat, err := attack.DecodeCompact(b, source)
	if err != nil {
		return nil, err
	}
	if cat.Domain != e.Domain || cat.Version != e.Version {
		return nil, fmt.Errorf("cached ATT&CK catalog %s: holds %s %s, its metadata says %s %s", e.CatalogPath(), cat.Domain, cat.Version, e.Domain, e.Version)
	}
	return cat, nil
}

// mergeURLs adds the URLs of old that e lacks, so that a second address
// for the same bytes does not drop the first.
func mergeURLs(e, old *Entry) {
	if old == nil {
		return
	}
	for _, u := range old.URLs {
		if !slices.Contains(e.URLs, u) {
			e.URLs = append(e.URLs, u)
		}
	}
	e.Release = e.Release || old.Release
}
