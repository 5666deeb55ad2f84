package attack

import (
	"cmp"
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// To embed another release, add a line here and run go generate; the
// file name is all the listing needs. Only the default release, the
// newest Enterprise, is also compiled in as Go source (see
// registerCompiled): a run on it decodes nothing, while each other
// release costs its JSON decode (about 2 ms) and no binary size twice.
//
//go:generate go run ./internal/gencatalog -o data/enterprise-attack-13.1.json ../../shared/attack/enterprise-attack-13.1.stix20.json.gz
//go:generate go run ./internal/gencatalog -o data/enterprise-attack-14.1.json ../../shared/attack/enterprise-attack-14.1.stix20.json.gz
//go:generate go run ./internal/gencatalog -o data/enterprise-attack-15.1.json ../../shared/attack/enterprise-attack-15.1.stix20.json.gz
//go:generate go run ./internal/gencatalog -o data/enterprise-attack-16.1.json ../../shared/attack/enterprise-attack-16.1.stix20.json.gz
//go:generate go run ./internal/gencatalog -o data/enterprise-attack-17.1.json ../../shared/attack/enterprise-attack-17.1.stix20.json.gz
//go:generate go run ./internal/gencatalog -o data/enterprise-attack-18.1.json -go embedded_enterprise_attack_18_1.go ../../shared/attack/enterprise-attack-18.1.stix20.json.gz
//go:generate go run ./internal/gencatalog -o data/mobile-attack-18.1.json ../../shared/attack/mobile-attack-18.1.stix20.json.gz
//go:generate go run ./internal/gencatalog -o data/ics-attack-18.1.json ../../shared/attack/ics-attack-18.1.stix21.json.gz

//go:embed data/*.json
var embeddedFS embed.FS

// EmbeddedSource is the Source of catalogs that come from the binary.
const EmbeddedSource = "embedded"

// EmbeddedRelease names one embedded catalog.
type EmbeddedRelease struct {
	Domain  string // "enterprise-attack"
	Version string // "18.1"
}

// String returns "enterprise-attack 18.1".
func (r EmbeddedRelease) String() string { return r.Domain + " " + r.Version }

// EmbeddedFileName is the name of a release's file under attack/data.
func EmbeddedFileName(domain, version string) string {
	return domain + "-" + version + ".json"
}

// EmbeddedVersions lists the embedded catalogs by domain, oldest version
// first.
func EmbeddedVersions() []EmbeddedRelease {
	entries, err := fs.ReadDir(embeddedFS, "data")
	if err != nil {
		// The directory is compiled in; only a broken build lacks it.
		return nil
	}
	var out []EmbeddedRelease
	for _, e := range entries {
		d, v := nameFacts(e.Name())
		if d != "" && v != "" && e.Name() == EmbeddedFileName(d, v) {
			out = append(out, EmbeddedRelease{d, v})
		}
	}
	slices.SortFunc(out, func(a, b EmbeddedRelease) int {
		return cmp.Or(strings.Compare(a.Domain, b.Domain), CompareVersions(a.Version, b.Version))
	})
	return out
}

// Embedded returns the newest embedded Enterprise catalog (18.1 today),
// decoded on first use. The catalog is shared: callers must not change it.
func Embedded() (*Catalog, error) { return LoadEmbedded(DomainEnterprise, "") }

// LoadEmbedded returns an embedded catalog, decoded once and shared, so
// callers must not change it. domain takes the spellings NormalizeDomain
// does; an empty version means the newest embedded for the domain.
func LoadEmbedded(domain, version string) (*Catalog, error) {
	d, err := NormalizeDomain(domain)
	if err != nil {
		return nil, err
	}
	v := normalizeVersion(version)
	all := EmbeddedVersions()
	if v == "" {
		for _, r := range all {
			if r.Domain == d {
				v = r.Version // sorted oldest first, so the last wins
			}
		}
	}
	if !slices.Contains(all, EmbeddedRelease{d, v}) {
		names := make([]string, len(all))
		for i, r := range all {
			names[i] = r.String()
		}
		want := d
		if v != "" {
			want += " " + v
		}
		return nil, fmt.Errorf("no embedded ATT&CK catalog for %s; embedded: %s; pass a STIX bundle for others", want, strings.Join(names, ", "))
	}
	return embeddedCache.load(EmbeddedRelease{d, v})
}

// embeddedCache decodes each embedded catalog at most once per process.
var embeddedCache catalogCache

// catalogCache maps releases to their decoded catalogs.
type catalogCache struct {
	mu sync.Mutex
	m  map[EmbeddedRelease]*cacheEntry
}

// cacheEntry is one release, decoded by whichever caller comes first.
type cacheEntry struct {
	once sync.Once
	c    *Catalog
	err  error
}

// load decodes r on first use and returns the shared result.
func (cc *catalogCache) load(r EmbeddedRelease) (*Catalog, error) {
	cc.mu.Lock()
	if cc.m == nil {
		cc.m = make(map[EmbeddedRelease]*cacheEntry)
	}
	e := cc.m[r]
	if e == nil {
		e = new(cacheEntry)
		cc.m[r] = e
	}
	cc.mu.Unlock()
	e.once.Do(func() { e.c, e.err = embeddedCatalog(r) })
	return e.c, e.err
}

// compiled are the catalogs gencatalog wrote as Go source; each file
// registers its own.
var compiled []*Catalog

// registerCompiled is called by the init of each generated file.
func registerCompiled(c *Catalog) { compiled = append(compiled, c) }

// embeddedCatalog returns r's catalog: the compiled-in one when there is
// one, which costs only its index (0.3 ms in a fresh process, against
// 1.8 ms for decoding the JSON), else the decoded JSON.
func embeddedCatalog(r EmbeddedRelease) (*Catalog, error) {
	for _, c := range compiled {
		if c.Domain == r.Domain && c.Version == r.Version {
			c.index()
			return c, nil
		}
	}
	return decodeEmbedded(r)
}

// decodeEmbedded decodes one embedded file, bypassing the cache.
func decodeEmbedded(r EmbeddedRelease) (*Catalog, error) {
	name := "data/" + EmbeddedFileName(r.Domain, r.Version)
	b, err := embeddedFS.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("reading embedded ATT&CK catalog: %w", err)
	}
	c, err := DecodeCompact(b, EmbeddedSource+":"+name)
	if err != nil {
		return nil, err
	}
	c.Source = EmbeddedSource
	return c, nil
}

// CompareVersions orders dotted version numbers numerically, so 9.0 comes
// before 18.1; parts that are not numbers compare as text.
func CompareVersions(a, b string) int {
	for a != "" || b != "" {
		var pa, pb string
		pa, a, _ = strings.Cut(a, ".")
		pb, b, _ = strings.Cut(b, ".")
		na, errA := strconv.Atoi(pa)
		nb, errB := strconv.Atoi(pb)
		if errA == nil && errB == nil {
			if c := cmp.Compare(na, nb); c != 0 {
				return c
			}
			continue
		}
		if c := strings.Compare(pa, pb); c != 0 {
			return c
		}
	}
	return 0
}
