package evidence

import (
	"slices"

	"github.com/falcomitre/falcomitre/attack"
)

// sourcePlatforms are the ATT&CK platforms whose techniques a Falco event
// source can see. Each lists the spellings of several ATT&CK releases
// (Identity Provider replaced Azure AD and others in 16), best first; the
// ones the catalog has are kept. Kubernetes is no ATT&CK platform: its
// techniques are under Containers. ESXi is left out of syscall: Falco's
// drivers need a Linux kernel, and ESXi's VMkernel is not one. Sources
// not listed add nothing.
var sourcePlatforms = map[string][]string{
	"syscall":            {"Linux", "Containers"},
	"k8s_audit":          {"Containers"},
	"aws_cloudtrail":     {"IaaS"},
	"gcp_auditlog":       {"IaaS"},
	"azure_platformlogs": {"IaaS"},
	"okta":               {"Identity Provider", "Azure AD", "SaaS"},
	"github":             {"SaaS"},
}

// SourcePlatforms returns the platforms of cat that the event source can
// see, nil when falcomitre knows none.
func SourcePlatforms(cat *attack.Catalog, source string) []string {
	return sourcePlatformsIn(Platforms(cat), source)
}

// sourcePlatformsIn is SourcePlatforms given the catalog's platforms.
func sourcePlatformsIn(have []string, source string) []string {
	var out []string
	for _, p := range sourcePlatforms[source] {
		if slices.Contains(have, p) {
			out = append(out, p)
		}
	}
	return out
}

// Platforms returns the platforms of cat's live techniques, sorted.
func Platforms(cat *attack.Catalog) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range cat.Techniques {
		if t.Revoked || t.Deprecated {
			continue
		}
		for _, p := range t.Platforms {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	slices.Sort(out)
	return out
}

// Sources returns the event sources falcomitre knows platforms for,
// sorted.
func Sources() []string {
	out := make([]string, 0, len(sourcePlatforms))
	for s := range sourcePlatforms {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}
