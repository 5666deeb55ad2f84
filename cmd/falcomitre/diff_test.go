package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/falcomitre/falcomitre/internal/sharedtest"
)

// TestFixDiffIsDiffU holds fix --diff to GNU diff -u of each shared corpus
// file and the file as fix writes it: the same hunks, byte for byte.
func TestFixDiffIsDiffU(t *testing.T) {
	if _, err := exec.LookPath("diff"); err != nil {
		t.Skip("no diff command to compare with")
	}
	files := sharedtest.RulesFiles(t)
	tmp := t.TempDir()
	flags := []string{"--fail-on", "never", "--fix-remove", "--unsafe-fixes"}
	compared := 0
	for i, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(tmp, fmt.Sprintf("%03d-%s", i, filepath.Base(p)))
		orig := path + ".orig"
		os.WriteFile(path, src, 0o644)
		os.WriteFile(orig, src, 0o644)
		_, ours, _ := runCLI(t, append([]string{"fix", "--diff", path}, flags...)...)
		if ours == "" {
			continue
		}
		runCLI(t, append([]string{"fix", path}, flags...)...)
		gnu, _ := exec.Command("diff", "-u", "--label", path, "--label", path, orig, path).Output()
		if ours != string(gnu) {
			t.Errorf("%s: fix --diff is not diff -u:\n%s\ndiff -u:\n%s", p, ours, gnu)
		}
		compared++
		os.Remove(path)
	}
	if compared == 0 {
		t.Fatal("no corpus file was fixed")
	}
	t.Logf("%d diffs compared", compared)
}
