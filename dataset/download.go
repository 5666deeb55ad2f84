package dataset

import (
	"context"
	"fmt"
	"time"

	"github.com/falcomitre/falcomitre/attack"
)

// download fetches url, verifies it and caches it: the bytes must match
// want (a hex SHA-256, "" for any) and parse as an ATT&CK bundle, and
// when rel is not nil, one of rel's domain and version, which the entry
// then records as a release. Nothing is cached unless all of that holds.
func (c *Client) download(ctx context.Context, url, want string, opt attack.Options, rel *Release) (*attack.Catalog, *Entry, error) {
	root, err := c.Cache.Root()
	if err != nil {
		return nil, nil, err
	}
	data, err := c.fetch(ctx, url)
	if err != nil {
		return nil, nil, err
	}
	sha := hexSHA256(data)
	if want != "" && sha != want {
		return nil, nil, fmt.Errorf("downloading %s: checksum mismatch: got %s, want %s", url, sha, want)
	}
	cat, compact, err := parseBundle(data, url, opt)
	if err != nil {
		return nil, nil, fmt.Errorf("downloaded data is not an ATT&CK bundle: %w", err)
	}
	if rel != nil && (cat.Domain != rel.Domain || cat.Version != rel.Version) {
		return nil, nil, fmt.Errorf("%s: the release index promised %s %s, the bundle is %s %s", url, rel.Domain, rel.Version, cat.Domain, cat.Version)
	}
	e := newEntry(cat, data, compact, sha)
	e.URLs = []string{url}
	e.Fetched = time.Now().UTC()
	e.Release = rel != nil
	if err := save(root, e, data, compact, url); err != nil {
		return nil, nil, err
	}
	return cat, e, nil
}

// cachedURL returns the cached catalog of url, or nil when there is none
// usable: not cached, damaged beyond repair, or not the bytes want names.
func (c *Client) cachedURL(url, want string, opt attack.Options) (*attack.Catalog, *Entry) {
	sha := c.Cache.lookupURL(url)
	if want != "" {
		// The bytes are what matters: any entry with them will do,
		// whatever URL they came from.
		sha = want
	}
	if sha == "" {
		return nil, nil
	}
	cat, e, err := c.Cache.open(sha, url, opt)
	if err != nil {
		return nil, nil
	}
	return cat, e
}
