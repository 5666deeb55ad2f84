package fix

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
)

// WriteFile replaces the file at path with data, if it still holds
// before: the bytes were read, checked and fixed, and a file changed in the
// meantime (by an editor, another run) must not be overwritten with a fix
// of its old text. The new text goes to a temporary file in the same
// directory, is synced, given the old file's mode and renamed over it, so
// that a crash leaves the old file or the new one, never half of each. A
// symbolic link stays a link: the file it points to is replaced.
func WriteFile(path string, before, data []byte) error {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return err
	}
	st, err := os.Stat(real)
	if err != nil {
		return err
	}
	now, err := os.ReadFile(real)
	if err != nil {
		return err
	}
	if !bytes.Equal(now, before) {
		return fmt.Errorf("%s: changed on disk while it was being fixed; run again", path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(real), "."+filepath.Base(real)+".falcomitre-*")
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Chmod(st.Mode().Perm()); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), real); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	done = true
	return nil
}
