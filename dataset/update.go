package dataset

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/falcomitre/falcomitre/attack"
)

// UpdateOptions tune Update.
type UpdateOptions struct {
	// SHA256 is the hex SHA-256 the release's bundle must have.
	SHA256 string
	// Refresh downloads the release again even when the cache holds it.
	Refresh bool
}

// Updated reports what Update did.
type Updated struct {
	Release Release // what the index lists
	Entry   *Entry  // what the cache holds now
	// Downloaded is false when the cache held the release already.
	Downloaded bool
}

// Update looks up a release in MITRE's index (domain "" for enterprise,
// version "" for the newest) and stores it in the cache, so that Open
// finds it by version offline from then on. The bundle must say it is the
// release the index promised.
func (c *Client) Update(ctx context.Context, domain, version string, opt UpdateOptions) (*Updated, error) {
	want, err := parseSHA256(opt.SHA256)
	if err != nil {
		return nil, err
	}
	ix, err := c.FetchIndex(ctx)
	if err != nil {
		return nil, err
	}
	rel, err := ix.Find(domain, version)
	if err != nil {
		return nil, err
	}
	aopt := attack.Options{Domain: rel.Domain, Version: rel.Version}
	if !opt.Refresh {
		if _, e := c.cachedURL(rel.URL, want, aopt); e != nil && e.Domain == rel.Domain && e.Version == rel.Version {
			if !e.Release {
				// Downloaded before as a plain URL: now it is a release.
				e.Release = true
				if err := writeMeta(e.Dir, e); err != nil {
					return nil, err
				}
			}
			return &Updated{Release: rel, Entry: e}, nil
		}
	}
	_, e, err := c.download(ctx, rel.URL, want, aopt, &rel)
	if err != nil {
		return nil, err
	}
	return &Updated{Release: rel, Entry: e, Downloaded: true}, nil
}

// writeMeta writes an entry's metadata file.
func writeMeta(root string, e *Entry) error {
	meta, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return fmt.Errorf("caching ATT&CK data: %w", err)
	}
	return writeAtomic(root, metaName(e.SHA256), append(meta, '\n'))
}
