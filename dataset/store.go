package dataset

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/falcomitre/falcomitre/attack"
)

// gzipMagic starts every gzip stream; a gzipped bundle keeps .gz in the
// cache so that it reads as what it is.
var gzipMagic = []byte{0x1f, 0x8b}

// parseBundle reads a downloaded bundle and encodes its compact catalog:
// what must succeed before anything is cached.
func parseBundle(data []byte, name string, opt attack.Options) (*attack.Catalog, []byte, error) {
	cat, err := attack.ReadSTIX(bytes.NewReader(data), name, opt)
	if err != nil {
		return nil, nil, err
	}
	compact, err := cat.MarshalCompact()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	return cat, compact, nil
}

// newEntry describes a verified bundle and its compact catalog.
func newEntry(cat *attack.Catalog, data, compact []byte, sha string) *Entry {
	return &Entry{
		Format:        attack.CompactFormat,
		Domain:        cat.Domain,
		Version:       cat.Version,
		SHA256:        sha,
		CatalogSHA256: hexSHA256(compact),
		Size:          int64(len(data)),
		Bundle:        bundleName(sha, bytes.HasPrefix(data, gzipMagic)),
	}
}

// save writes an entry into root: the bundle unless it is nil (already
// on disk), the compact catalog, the metadata last, then the URL's index
// file. Every write is atomic, so a concurrent reader sees the entry
// whole or not at all.
func save(root string, e *Entry, bundle, compact []byte, url string) error {
	if err := os.MkdirAll(filepath.Join(root, urlsDir), 0o755); err != nil {
		return fmt.Errorf("caching ATT&CK data: %w", err)
	}
	sweepTemp(root)
	if bundle != nil {
		if err := writeAtomic(root, e.Bundle, bundle); err != nil {
			return err
		}
	}
	if err := writeAtomic(root, catalogName(e.SHA256), compact); err != nil {
		return err
	}
	old, _ := readEntry(root, e.SHA256)
	mergeURLs(e, old)
	e.Dir = root
	if err := writeMeta(root, e); err != nil {
		return err
	}
	if url != "" {
		rec, err := json.Marshal(urlRecord{URL: url, SHA256: e.SHA256})
		if err != nil {
			return fmt.Errorf("caching ATT&CK data: %w", err)
		}
		if err := writeAtomic(filepath.Join(root, urlsDir), urlFile(url), append(rec, '\n')); err != nil {
			return err
		}
	}
	syncDir(root)
	return nil
}

// open returns the catalog of the cached entry sha. When the catalog or
// the metadata is damaged or stale, it rebuilds them from the stored
// bundle if that still matches its checksum. An error means the entry is
// unusable and the bundle has to be downloaded again. source becomes the
// catalog's Source ("" for the entry's first URL); opt applies only to a
// rebuild.
func (c Cache) open(sha, source string, opt attack.Options) (*attack.Catalog, *Entry, error) {
	root, err := c.Root()
	if err != nil {
		return nil, nil, err
	}
	e, err := readEntry(root, sha)
	if err == nil {
		cat, err := loadCatalog(e, cmp.Or(source, e.URL()))
		if err == nil {
			return cat, e, nil
		}
	}
	return rebuild(root, sha, source, opt, e)
}

// rebuild re-creates the compact catalog and metadata of the entry sha
// from its stored bundle. old is the entry's previous metadata, if it
// still reads, whose URLs and facts it keeps.
func rebuild(root, sha, source string, opt attack.Options, old *Entry) (*attack.Catalog, *Entry, error) {
	data, err := readBundle(root, sha)
	if err != nil {
		return nil, nil, err
	}
	if got := hexSHA256(data); got != sha {
		return nil, nil, fmt.Errorf("cached ATT&CK bundle %s is damaged: checksum mismatch: got %s, want %s", sha, got, sha)
	}
	fetched := time.Now().UTC()
	if old != nil {
		source = cmp.Or(source, old.URL())
		// The first download's facts, for a bundle that does not name
		// its own domain and version.
		opt.Domain = cmp.Or(opt.Domain, old.Domain)
		opt.Version = cmp.Or(opt.Version, old.Version)
		fetched = old.Fetched
	}
	cat, compact, err := parseBundle(data, source, opt)
	if err != nil {
		return nil, nil, err
	}
	e := newEntry(cat, data, compact, sha)
	e.Fetched = fetched
	if source != "" {
		e.URLs = []string{source}
	}
	if err := save(root, e, nil, compact, ""); err != nil {
		return nil, nil, err
	}
	return cat, e, nil
}

// readBundle reads the stored bundle of the entry sha, whichever its
// extension.
func readBundle(root, sha string) ([]byte, error) {
	for _, gz := range []bool{false, true} {
		b, err := os.ReadFile(filepath.Join(root, bundleName(sha, gz)))
		if err == nil {
			return b, nil
		}
		if !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("reading the ATT&CK cache: %w", err)
		}
	}
	return nil, fmt.Errorf("cached ATT&CK bundle %s is missing", sha)
}
