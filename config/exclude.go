package config

import (
	"path"
	"path/filepath"
	"strings"
)

// Excluded reports whether the rules file at p (a path as the command
// line gave it, or as a directory given there expands to) matches one of
// the exclude patterns. Patterns are written with "/"; "*", "?" and
// "[...]" match within one path element and "**", as a whole element,
// matches any number of elements. A pattern without "/" matches any one
// element: the file's name or a directory's ("*_local.yaml", "vendor").
// A pattern with "/" matches the whole path, either relative to the
// configuration file's directory or as given ("vendor/*.yaml",
// "rules/**/old_*.yaml"); a leading "./" is ignored.
func (c *Config) Excluded(p string) bool {
	if len(c.Exclude) == 0 {
		return false
	}
	forms := []string{cleanSlash(p)}
	if c.Path != "" {
		if rel, ok := relativeTo(filepath.Dir(c.Path), p); ok {
			forms = append(forms, rel)
		}
	}
	for _, pat := range c.Exclude {
		pat = strings.TrimPrefix(cleanSlash(pat), "./")
		for _, f := range forms {
			if matchPath(pat, f) {
				return true
			}
		}
	}
	return false
}

// cleanSlash cleans p and writes it with "/".
func cleanSlash(p string) string { return path.Clean(filepath.ToSlash(p)) }

// relativeTo returns p relative to dir, when p is inside dir.
func relativeTo(dir, p string) (string, bool) {
	absDir, err1 := filepath.Abs(dir)
	absP, err2 := filepath.Abs(p)
	if err1 != nil || err2 != nil {
		return "", false
	}
	rel, err := filepath.Rel(absDir, absP)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// matchPath matches a cleaned, slash-separated path against pat.
func matchPath(pat, p string) bool {
	elems := strings.Split(p, "/")
	if !strings.Contains(pat, "/") {
		for _, e := range elems {
			if ok, _ := path.Match(pat, e); ok {
				return true
			}
		}
		return false
	}
	return matchElems(strings.Split(pat, "/"), elems)
}

// matchElems matches path elements against pattern elements, "**"
// standing for any number of them. It fills a table of which suffixes of
// the pattern match which suffixes of the path, so that a pattern with
// many "**" costs len(pat)×len(elems) and not the exponential time of
// trying every split.
func matchElems(pat, elems []string) bool {
	n := len(elems)
	// next[j] says whether pat[i+1:] matches elems[j:]; cur is for pat[i:].
	next := make([]bool, n+1)
	next[n] = true // the empty pattern matches the empty path only
	for i := len(pat) - 1; i >= 0; i-- {
		cur := make([]bool, n+1)
		for j := n; j >= 0; j-- {
			switch {
			case pat[i] == "**":
				cur[j] = next[j] || j < n && cur[j+1]
			case j < n:
				ok, _ := path.Match(pat[i], elems[j])
				cur[j] = ok && next[j+1]
			}
		}
		next = cur
	}
	return next[0]
}
