// Package version reports the build's version from the Go build
// information, so that no string needs to be kept by hand.
package version

import "runtime/debug"

// Version is the module version ("v1.2.3"), or "devel" for a build from a
// work tree.
func Version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok || bi.Main.Version == "" || bi.Main.Version == "(devel)" {
		return "devel"
	}
	return bi.Main.Version
}

// Commit is the VCS revision the binary was built from, "" when unknown.
func Commit() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" {
			return s.Value
		}
	}
	return ""
}
