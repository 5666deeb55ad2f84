// Package gitfiles reads Falco rules files as they are at a git revision,
// so that coverage diff can compare a pull request's rules with its base
// without a second checkout. It runs the git command: a library would be a
// large dependency for three plumbing calls.
package gitfiles

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/falcomitre/falcomitre/rules"
)

// Load reads paths (files or directories, relative to the working
// directory, which must be in a git work tree) as they are at rev, the way
// rules.Load reads them from disk: a directory stands for the *.yaml and
// *.yml files directly inside it, sorted by path. Symbolic links are
// skipped: git stores their target, not the file. keep, when not nil,
// says which files to read (configured exclusions). Each file is named
// "rev:path" in positions and messages.
func Load(ctx context.Context, rev string, paths []string, keep func(string) bool) (*rules.Set, error) {
	if rev == "" || strings.HasPrefix(rev, "-") {
		return nil, fmt.Errorf("%q is not a git revision", rev)
	}
	var names []string
	for _, p := range paths {
		found, err := expand(ctx, rev, p)
		if err != nil {
			return nil, err
		}
		names = append(names, found...)
	}
	var files []*rules.File
	for _, name := range names {
		if keep != nil && !keep(name) {
			continue
		}
		src, err := git(ctx, "cat-file", "blob", object(rev, name))
		if err != nil {
			return nil, err
		}
		files = append(files, rules.Parse(rev+":"+name, src))
	}
	return rules.Resolve(files), nil
}

// expand lists the rules files p stands for at rev.
func expand(ctx context.Context, rev, p string) ([]string, error) {
	typ, err := git(ctx, "cat-file", "-t", object(rev, p))
	if err != nil {
		return nil, fmt.Errorf("%s at %s: %w", p, rev, err)
	}
	switch strings.TrimSpace(string(typ)) {
	case "blob":
		if !isRulesFileName(p) {
			return nil, fmt.Errorf("%s: not a .yaml/.yml file", p)
		}
		return []string{p}, nil
	case "tree":
	default:
		return nil, fmt.Errorf("%s at %s is a %s, not a file or directory", p, rev, strings.TrimSpace(string(typ)))
	}
	// --full-tree: in a subdirectory, ls-tree lists only what lies below it.
	out, err := git(ctx, "ls-tree", "--full-tree", "-z", object(rev, p))
	if err != nil {
		return nil, err
	}
	var names []string
	for _, entry := range bytes.Split(out, []byte{0}) {
		// "<mode> <type> <object>\t<name>"
		meta, name, ok := strings.Cut(string(entry), "\t")
		if !ok {
			continue
		}
		if f := strings.Fields(meta); len(f) == 3 && f[1] == "blob" && f[0] != "120000" && isRulesFileName(name) {
			names = append(names, filepath.Join(p, name))
		}
	}
	sort.Strings(names) // byte order, as Falco and rules.Load
	return names, nil
}

// object names a path at a revision relative to the working directory,
// as git's "rev:./path" does.
// An absolute path is made relative first: git takes no other.
func object(rev, p string) string {
	if filepath.IsAbs(p) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, p); err == nil {
				p = rel
			}
		}
	}
	p = filepath.ToSlash(p)
	if !strings.HasPrefix(p, "./") && !strings.HasPrefix(p, "../") {
		p = "./" + p
	}
	return rev + ":" + p
}

func isRulesFileName(name string) bool {
	return strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")
}

// git runs git with args and returns its standard output; a failure
// carries git's own message.
func git(ctx context.Context, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, errors.New(msg)
		}
		return nil, fmt.Errorf("git %s: %w", strings.Join(args, " "), err)
	}
	return out, nil
}
