package attack

import (
	"fmt"
	"path/filepath"
	"strings"
)

// DomainEnterprise, DomainMobile and DomainICS are the ATT&CK domains as
// ATT&CK spells them in matrices, file names and x_mitre_domains.
const (
	DomainEnterprise = "enterprise-attack"
	DomainMobile     = "mobile-attack"
	DomainICS        = "ics-attack"
)

// knownDomains lists the domains in the order error messages name them.
var knownDomains = []string{DomainEnterprise, DomainMobile, DomainICS}

// killChain is the kill_chain_name a domain's techniques use for its
// tactics; Enterprise uses the bare "mitre-attack".
func killChain(domain string) string {
	switch domain {
	case DomainMobile:
		return "mitre-mobile-attack"
	case DomainICS:
		return "mitre-ics-attack"
	}
	return "mitre-attack"
}

// isMitreSource reports whether an external reference's source_name is one
// that carries an ATT&CK ID. ICS and Mobile objects mostly use
// "mitre-attack" too, with their own spellings on older objects.
func isMitreSource(s string) bool {
	return s == "mitre-attack" || s == "mitre-mobile-attack" || s == "mitre-ics-attack"
}

// NormalizeDomain turns "enterprise", "mobile" or "ics", with or without
// the "-attack" suffix and in any case, into the "-attack" form.
func NormalizeDomain(s string) (string, error) {
	d := strings.ToLower(strings.TrimSpace(s))
	if !strings.HasSuffix(d, "-attack") {
		d += "-attack"
	}
	for _, known := range knownDomains {
		if d == known {
			return d, nil
		}
	}
	return "", fmt.Errorf("unknown ATT&CK domain %q: want enterprise, mobile or ics", s)
}

// collectionDomain maps an x-mitre-collection name ("Enterprise ATT&CK",
// "ICS ATT&CK") to its domain, or "" when the name says nothing.
func collectionDomain(name string) string {
	first, _, _ := strings.Cut(strings.TrimSpace(name), " ")
	d, err := NormalizeDomain(first)
	if err != nil {
		return ""
	}
	return d
}

// nameFacts infers the domain and version from a file name such as
// "enterprise-attack-18.1.stix20.json.gz" or "ics-attack-v18.1.json".
// Either result is "" when the name does not tell.
func nameFacts(name string) (domain, version string) {
	base := strings.ToLower(filepath.Base(filepath.ToSlash(name)))
	for _, d := range knownDomains {
		i := strings.Index(base, d)
		if i < 0 {
			continue
		}
		rest := base[i+len(d):]
		if r, ok := strings.CutPrefix(rest, "-"); ok {
			version = leadingVersion(strings.TrimPrefix(r, "v"))
		}
		return d, version
	}
	return "", ""
}

// leadingVersion returns the "major.minor" (or longer dotted) number at
// the start of s, or "" if s does not start with one.
func leadingVersion(s string) string {
	end, parts := 0, 0
	for end < len(s) {
		j := end
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == end {
			break
		}
		parts++
		end = j
		if end+1 < len(s) && s[end] == '.' && s[end+1] >= '0' && s[end+1] <= '9' {
			end++
			continue
		}
		break
	}
	if parts < 2 {
		// A bare "18" is more likely part of another word than a version.
		return ""
	}
	return s[:end]
}

// normalizeVersion trims a user-given version and drops a leading "v".
func normalizeVersion(v string) string {
	v = strings.TrimSpace(v)
	if len(v) > 1 && (v[0] == 'v' || v[0] == 'V') && v[1] >= '0' && v[1] <= '9' {
		v = v[1:]
	}
	return v
}

// LooksLikeVersion reports whether s reads as an ATT&CK version ("15.1",
// "v18", "18.1") rather than a file name or URL.
func LooksLikeVersion(s string) bool {
	v := normalizeVersion(s)
	if v == "" {
		return false
	}
	dots := 0
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '.' && i > 0 && i < len(v)-1 && v[i-1] != '.':
			dots++
		case c < '0' || c > '9':
			return false
		}
	}
	return dots <= 2
}

// NormalizeVersion trims a user-given version and drops a leading "v", so
// "v17.0" and "17.0" name the same release.
func NormalizeVersion(v string) string { return normalizeVersion(v) }
