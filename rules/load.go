package rules

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/internal/fileread"
)

// Load reads rules files and resolves them together, in order, as Falco
// loads its rules_files (spec §2). Each path is a file or a directory; a
// directory stands for the regular files directly inside it (symlinks
// followed, no recursion) whose names end in .yaml or .yml, sorted by full
// path in byte order.
//
// Falco (since 0.41.0) also skips a file named directly when it lacks that
// extension; a user who names a file expects it checked, so Load reports
// it instead.
//
// The error is for the command line: no paths, a path that does not exist
// or cannot be listed, a named file without a YAML extension. Then nothing
// is loaded. A file that cannot be read or parsed does not stop Load: its
// File.Err says why, and the other files load.
func Load(paths ...string) (*Set, error) {
	if len(paths) == 0 {
		return nil, errors.New("no rules files given")
	}
	names, err := Expand(paths...)
	if err != nil {
		return nil, err
	}
	return LoadFiles(names...), nil
}

// LoadFiles reads and resolves files Expand returned, in order. A file
// that cannot be read or parsed has its File.Err.
func LoadFiles(names ...string) *Set {
	return loadFiles(names, chunkMinFile, chunkSize)
}

// Expand returns the rules files Load would read for paths, in load
// order: each file as given, each directory's *.yaml and *.yml files
// sorted by path. Its errors are Load's command-line errors. A caller that
// skips some files (configured exclusions) passes the rest to Load.
func Expand(paths ...string) ([]string, error) {
	var names []string
	var errs []error
	for _, p := range paths {
		found, err := expand(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		names = append(names, found...)
	}
	return names, errors.Join(errs...)
}

// expand returns the rules files path stands for.
func expand(path string) ([]string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		if !isRulesFileName(path) {
			return nil, fmt.Errorf("%s: not a .yaml/.yml file", path)
		}
		return []string{path}, nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		full := filepath.Join(path, e.Name())
		if !isRulesFileName(full) {
			continue
		}
		// Stat, not the entry's type, so that symlinks are followed;
		// a broken link is skipped as Falco's is_regular_file does.
		// Falco skips a symlink loop or an entry it may not stat too;
		// Load keeps those so that their File.Err says why they went
		// unchecked, where a silent skip would hide them.
		fi, err := os.Stat(full)
		switch {
		case err == nil && fi.Mode().IsRegular():
			names = append(names, full)
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			names = append(names, full)
		}
	}
	if len(names) == 0 {
		// Falco loads nothing from such a directory; a linter told to
		// check it was most likely given the wrong one.
		return nil, fmt.Errorf("%s: the directory holds no .yaml or .yml rules files", path)
	}
	sort.Strings(names) // byte order, as std::sort on std::string
	return names, nil
}

func isRulesFileName(name string) bool {
	return strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")
}

// MaxFileSize is the largest rules file Load reads: about twice the
// largest rule set we know of (100k generated rules are about 33 MB), small
// enough that a hostile file cannot exhaust a CI runner's memory.
const MaxFileSize = 64 << 20

// readFile reads and parses one file, its chunks sent to fd (see parse);
// a read failure becomes its Err.
func readFile(name string, fd *feed, minFile, size int) *File {
	src, err := fileread.Regular(name, MaxFileSize)
	if err == nil {
		return parse(name, src, minFile, size, fd)
	}
	msg := err.Error()
	if strings.HasPrefix(msg, "the file is") {
		msg += " for one rules file"
	}
	ierr := &diag.InputError{Range: diag.Range{File: name}, Msg: "cannot read file: " + msg, Err: err}
	return &File{Path: name, Err: ierr, readErr: ierr}
}
