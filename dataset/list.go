package dataset

import (
	"cmp"
	"slices"
	"strings"

	"github.com/falcomitre/falcomitre/attack"
)

// Where a Dataset lives.
const (
	SourceEmbedded = "embedded"
	SourceCache    = "cache"
)

// Dataset is one dataset that Open finds by domain and version alone.
type Dataset struct {
	Domain  string `json:"domain"`
	Version string `json:"version"`
	// Source is SourceEmbedded or SourceCache.
	Source string `json:"source"`
	// Default marks what Open picks for the domain when no version is
	// given; the enterprise one is what a bare run uses.
	Default bool `json:"default,omitempty"`
	// Entry describes a cached dataset; nil for an embedded one.
	Entry *Entry `json:"cache,omitempty"`
}

// List returns the embedded and cached datasets by domain, then version,
// an embedded one before a cached copy of the same release.
func (c *Client) List() ([]Dataset, error) {
	var out []Dataset
	for _, r := range attack.EmbeddedVersions() {
		out = append(out, Dataset{Domain: r.Domain, Version: r.Version, Source: SourceEmbedded})
	}
	cached, err := c.Cache.List()
	if err != nil {
		return nil, err
	}
	for i := range cached {
		e := &cached[i]
		out = append(out, Dataset{Domain: e.Domain, Version: e.Version, Source: SourceCache, Entry: e})
	}
	slices.SortStableFunc(out, func(a, b Dataset) int {
		return cmp.Or(strings.Compare(a.Domain, b.Domain), compareVersions(a.Version, b.Version), embeddedFirst(a, b))
	})
	markDefaults(out)
	return out, nil
}

// embeddedFirst orders an embedded dataset before a cached one.
func embeddedFirst(a, b Dataset) int {
	switch {
	case a.Source == b.Source:
		return 0
	case a.Source == SourceEmbedded:
		return -1
	}
	return 1
}

// markDefaults marks, per domain, the newest embedded dataset, or the
// newest cached one when none is embedded: what openRelease picks.
func markDefaults(ds []Dataset) {
	last := map[string]int{} // domain → index of its default so far
	for i, d := range ds {
		j, ok := last[d.Domain]
		if !ok || d.Source == SourceEmbedded || ds[j].Source != SourceEmbedded {
			last[d.Domain] = i
		}
	}
	for _, i := range last {
		ds[i].Default = true
	}
}
