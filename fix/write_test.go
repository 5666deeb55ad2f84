package fix_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/fix"
)

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.yaml")
	if err := os.WriteFile(path, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := fix.WriteFile(path, []byte("old"), []byte("new")); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	st, _ := os.Stat(path)
	if string(b) != "new" || st.Mode().Perm() != 0o640 {
		t.Errorf("got %q mode %v, want \"new\" mode 0640", b, st.Mode().Perm())
	}
	// A file changed since it was read is not overwritten.
	if err := fix.WriteFile(path, []byte("old"), []byte("newer")); err == nil || !strings.Contains(err.Error(), "changed on disk") {
		t.Errorf("err = %v, want a changed-on-disk error", err)
	}
	// A link stays a link; its target gets the new text.
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink(path, link); err != nil {
		t.Skip("no symlinks:", err)
	}
	if err := fix.WriteFile(link, []byte("new"), []byte("via link")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file")
	}
	if b, _ := os.ReadFile(path); string(b) != "via link" {
		t.Errorf("target = %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("temporary files left: %v", entries)
	}
}
