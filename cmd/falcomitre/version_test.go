package main

import (
	"runtime"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/attack"
)

// TestVersionFacts: the version comes from the build information and the
// ATT&CK releases from the embedded catalogs, every one of them.
func TestVersionFacts(t *testing.T) {
	code, out, _ := runCLI(t, "version")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out, "built with go") || !strings.Contains(out, runtime.GOOS+"/"+runtime.GOARCH) {
		t.Errorf("no Go version or platform:\n%s", out)
	}
	for _, e := range attack.EmbeddedVersions() {
		if !strings.Contains(out, e.String()) {
			t.Errorf("embedded release %s missing:\n%s", e, out)
		}
	}
}
