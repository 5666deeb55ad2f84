package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Find looks for FileName in dir and then in each parent directory, and
// returns the path of the first it finds, "" when there is none. It does
// not look above a repository root (a directory holding .git): a file
// outside the repository would change what CI, which has only the
// repository, reports. The error is for a FileName that exists but is not
// a regular file, or a directory that cannot be read.
func Find(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		path := filepath.Join(dir, FileName)
		st, err := os.Stat(path)
		switch {
		case err == nil && st.Mode().IsRegular():
			return path, nil
		case err == nil:
			return "", fmt.Errorf("%s: not a regular file", path)
		case !errors.Is(err, fs.ErrNotExist):
			return "", err
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return "", nil // the repository root: stop here
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}
