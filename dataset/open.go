package dataset

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/falcomitre/falcomitre/attack"
)

// Spec names a dataset the way a user does.
type Spec struct {
	// Source is "" for a release chosen by Domain and Version, a version
	// ("15.1") for the same, the path of a STIX bundle, or an https URL.
	Source string
	// Domain is "enterprise", "mobile" or "ics", with or without
	// "-attack"; "" means enterprise. A bundle that names its own domain
	// overrides it.
	Domain string
	// Version selects a release, embedded or cached; "" means the newest
	// embedded. A bundle that names its own version overrides it.
	Version string
	// SHA256 is the hex SHA-256 a downloaded bundle must have; it goes
	// with an https Source only.
	SHA256 string
	// Refresh downloads a URL or a cached release again, even when the
	// cache holds it.
	Refresh bool
}

// Open returns the dataset s names, using the user's cache and
// http.DefaultClient.
func Open(ctx context.Context, s Spec) (*attack.Catalog, error) {
	return new(Client).Open(ctx, s)
}

// Open returns the dataset s names: embedded, cached, from a file, or
// downloaded. Embedded catalogs are shared, so callers must not change
// what it returns.
func (c *Client) Open(ctx context.Context, s Spec) (*attack.Catalog, error) {
	src := strings.TrimSpace(s.Source)
	want, err := parseSHA256(s.SHA256)
	if err != nil {
		return nil, err
	}
	opt := attack.Options{Domain: s.Domain, Version: s.Version}
	switch {
	case strings.Contains(src, "://"):
		if _, err := checkHTTPS(src); err != nil {
			return nil, err
		}
		return c.openURL(ctx, src, want, opt, s.Refresh)
	case want != "":
		return nil, fmt.Errorf("a SHA-256 checks a download: it goes with an https:// URL")
	case src == "" || attack.LooksLikeVersion(src):
		v := normalizeVersion(s.Version)
		if src != "" {
			if v != "" && v != normalizeVersion(src) {
				return nil, fmt.Errorf("two ATT&CK versions asked for: %s and %s", src, s.Version)
			}
			v = normalizeVersion(src)
		}
		return c.openRelease(ctx, s.Domain, v, s.Refresh)
	}
	return attack.LoadFile(src, opt)
}

// parseSHA256 checks a user-given hex SHA-256 and lowercases it.
func parseSHA256(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s != "" && !validSHA256(s) {
		return "", fmt.Errorf("invalid SHA-256 %q: want 64 hex digits", s)
	}
	return s, nil
}

// openURL returns the cached catalog of url, downloading it first when the
// cache lacks it or refresh asks.
func (c *Client) openURL(ctx context.Context, url, want string, opt attack.Options, refresh bool) (*attack.Catalog, error) {
	if !refresh {
		if cat, _ := c.cachedURL(url, want, opt); cat != nil {
			return cat, nil
		}
	}
	cat, _, err := c.download(ctx, url, want, opt, nil)
	return cat, err
}

// openRelease returns a release by domain and version: embedded first,
// then cached. An empty version means the newest embedded release of the
// domain, or the newest cached one when none is embedded.
func (c *Client) openRelease(ctx context.Context, domain, version string, refresh bool) (*attack.Catalog, error) {
	d, err := attack.NormalizeDomain(cmp.Or(domain, attack.DomainEnterprise))
	if err != nil {
		return nil, err
	}
	var newest string
	for _, r := range attack.EmbeddedVersions() {
		if r.Domain == d && (version == "" || r.Version == version) {
			newest = r.Version
		}
	}
	if newest != "" {
		return attack.LoadEmbedded(d, newest)
	}
	e, err := c.cachedRelease(d, version)
	if err != nil {
		return nil, err
	}
	if e == nil {
		return nil, c.notFound(d, version)
	}
	opt := attack.Options{Domain: e.Domain, Version: e.Version}
	if !refresh {
		if cat, _, err := c.Cache.open(e.SHA256, "", opt); err == nil {
			return cat, nil
		}
	}
	if e.URL() == "" {
		return nil, fmt.Errorf("cached ATT&CK %s %s is damaged and names no URL to download it again from", d, e.Version)
	}
	// Damaged beyond repair, or refresh: download it again from where it
	// came, holding it to the same release.
	rel := &Release{Domain: e.Domain, Version: e.Version, URL: e.URL()}
	cat, _, err := c.download(ctx, rel.URL, "", opt, rel)
	if err != nil && !refresh {
		return nil, fmt.Errorf("cached ATT&CK %s %s is damaged and downloading it again failed: %w", d, e.Version, err)
	}
	return cat, err
}

// cachedRelease returns the cached entry for d at version, or at the
// newest cached version when version is "", or nil.
func (c *Client) cachedRelease(d, version string) (*Entry, error) {
	if version != "" {
		return c.Cache.findRelease(d, version)
	}
	all, err := c.Cache.List()
	if err != nil {
		return nil, err
	}
	newest := ""
	for _, e := range all {
		if e.Domain == d {
			newest = e.Version // sorted oldest first
		}
	}
	if newest == "" {
		return nil, nil
	}
	return c.Cache.findRelease(d, newest)
}

// notFound explains that neither the binary nor the cache has d at
// version, says which versions of d they do have and how to get it.
func (c *Client) notFound(d, version string) error {
	var embedded, cached []string
	for _, r := range attack.EmbeddedVersions() {
		if r.Domain == d {
			embedded = append(embedded, r.Version)
		}
	}
	all, _ := c.Cache.List()
	for _, e := range all {
		if e.Domain == d && !slices.Contains(cached, e.Version) {
			cached = append(cached, e.Version)
		}
	}
	want := d
	cmd := "falcomitre attack update"
	if version != "" {
		want += " " + version
		cmd += " --version " + version
	}
	if d != attack.DomainEnterprise {
		cmd += " --domain " + strings.TrimSuffix(d, "-attack")
	}
	return fmt.Errorf("no ATT&CK data for %s: %s versions embedded: %s; cached: %s; download it with `%s`",
		want, d, listOrNone(embedded), listOrNone(cached), cmd)
}

// listOrNone joins names for a message.
func listOrNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
