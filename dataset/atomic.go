package dataset

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// tempPrefix starts the name of every file being written, so that a
// reader never takes one for an entry and a crash's leftovers can be
// swept.
const tempPrefix = ".tmp-"

// staleTemp is how old a temporary file must be before it is taken for a
// crash's leftover rather than another process's write in progress.
const staleTemp = time.Hour

// writeAtomic writes data to dir/name so that readers see the old file or
// the new one, never a part: a temporary file in the same directory,
// synced, then renamed over the name. Concurrent writers of one name each
// leave a whole file; the last rename wins.
func writeAtomic(dir, name string, data []byte) error {
	f, err := os.CreateTemp(dir, tempPrefix+name+"-*")
	if err != nil {
		return fmt.Errorf("writing the ATT&CK cache: %w", err)
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(dir, name))
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("writing the ATT&CK cache: %w", err)
	}
	return nil
}

// syncDir makes renames in dir durable where the system allows it; some
// systems cannot sync a directory, which costs durability, not
// correctness, so failures are ignored.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// sweepTemp removes temporary files in dir that a crashed run left.
func sweepTemp(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), tempPrefix) {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > staleTemp {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
