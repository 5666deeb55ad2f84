package dataset

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/falcomitre/falcomitre/attack"
)

// DefaultIndexURL is the release index of MITRE's attack-stix-data
// repository, which lists every release of every domain with its URL.
const DefaultIndexURL = "https://raw.githubusercontent.com/mitre-attack/attack-stix-data/master/index.json"

// maxIndexBytes bounds an unpacked index.
const maxIndexBytes = 16 << 20

// Release is one ATT&CK release of one domain, as the index lists it.
type Release struct {
	Domain   string // "enterprise-attack"
	Version  string // "18.1"
	URL      string // the STIX 2.1 bundle
	Modified string // when MITRE published it, as the index says
}

// Index is MITRE's release index, reduced to the releases of the domains
// falcomitre knows.
type Index struct {
	// Releases by domain, newest version first.
	Releases []Release
}

// indexJSON is the part of index.json falcomitre reads.
type indexJSON struct {
	Collections []struct {
		Name     string `json:"name"`
		Versions []struct {
			Version  string `json:"version"`
			URL      string `json:"url"`
			Modified string `json:"modified"`
		} `json:"versions"`
	} `json:"collections"`
}

// ParseIndex reads an attack-stix-data index.json, plain or gzipped.
// Collections are told apart by the first word of their name
// ("Enterprise ATT&CK"); ones falcomitre does not know are skipped.
func ParseIndex(b []byte) (*Index, error) {
	if bytes.HasPrefix(b, gzipMagic) {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("ATT&CK release index: %w", err)
		}
		// MITRE's index is 30 KB; a limit keeps a gzip bomb out.
		if b, err = io.ReadAll(io.LimitReader(zr, maxIndexBytes+1)); err != nil {
			return nil, fmt.Errorf("ATT&CK release index: %w", err)
		}
		if len(b) > maxIndexBytes {
			return nil, fmt.Errorf("ATT&CK release index: over %d MiB unpacked", maxIndexBytes>>20)
		}
	}
	var raw indexJSON
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("ATT&CK release index: %w", err)
	}
	ix := new(Index)
	for _, col := range raw.Collections {
		first, _, _ := strings.Cut(strings.TrimSpace(col.Name), " ")
		domain, err := attack.NormalizeDomain(first)
		if err != nil {
			continue
		}
		for _, v := range col.Versions {
			if v.Version == "" || v.URL == "" {
				continue
			}
			ix.Releases = append(ix.Releases, Release{domain, normalizeVersion(v.Version), v.URL, v.Modified})
		}
	}
	if len(ix.Releases) == 0 {
		return nil, fmt.Errorf("ATT&CK release index: no Enterprise, Mobile or ICS ATT&CK collection with versions")
	}
	slices.SortStableFunc(ix.Releases, func(a, b Release) int {
		return cmp.Or(strings.Compare(a.Domain, b.Domain), compareVersions(b.Version, a.Version))
	})
	return ix, nil
}

// Find returns the release of domain ("" for enterprise) at version (""
// for the newest). An unknown version's error lists the known ones.
func (ix *Index) Find(domain, version string) (Release, error) {
	d, err := attack.NormalizeDomain(cmp.Or(domain, attack.DomainEnterprise))
	if err != nil {
		return Release{}, err
	}
	v := normalizeVersion(version)
	var have []string
	for _, r := range ix.Releases {
		if r.Domain != d {
			continue
		}
		if v == "" || r.Version == v {
			return r, nil // newest first, so the first is the newest
		}
		have = append(have, r.Version)
	}
	if len(have) == 0 {
		return Release{}, fmt.Errorf("the ATT&CK release index lists no %s release", d)
	}
	return Release{}, fmt.Errorf("the ATT&CK release index has no %s %s; it has %s", d, v, strings.Join(have, ", "))
}

// FetchIndex downloads and parses the release index at c.IndexURL. The
// index is never cached: asking for it means asking what is new.
func (c *Client) FetchIndex(ctx context.Context) (*Index, error) {
	b, err := c.fetch(ctx, c.indexURL())
	if err != nil {
		return nil, err
	}
	ix, err := ParseIndex(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c.indexURL(), err)
	}
	return ix, nil
}
