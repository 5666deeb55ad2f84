package fix

import (
	"bytes"
	"fmt"
	"io"
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
	same, err := holds(real, before)
	if err != nil {
		return err
	}
	if !same {
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

// holds reports whether the file at path holds data, read a piece at a
// time: a copy of a 33 MB file was 33 MB of fresh memory, a tenth of a
// second on its own.
func holds(path string, data []byte) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	buf := make([]byte, 256<<10)
	for {
		n, err := io.ReadFull(f, buf[:min(len(buf), len(data)+1)])
		if n > len(data) || !bytes.Equal(buf[:n], data[:n]) {
			return false, nil
		}
		data = data[n:]
		switch {
		case err == io.EOF || err == io.ErrUnexpectedEOF:
			return len(data) == 0, nil
		case err != nil:
			return false, err
		}
	}
}
