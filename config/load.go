package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/internal/fileread"
	"github.com/falcomitre/falcomitre/rules"
)

// MaxFileSize bounds a configuration file; real ones are a few hundred
// bytes.
const MaxFileSize = 1 << 20

// Load reads the configuration file at path. Every problem is an error at
// file:line:col (unknown keys, values of the wrong type, unknown check
// codes, severities or policies); all of them are returned at once,
// joined, in file order.
func Load(path string) (*Config, error) {
	src, err := fileread.Regular(path, MaxFileSize)
	if err != nil {
		return nil, &diag.InputError{Range: diag.Range{File: path}, Msg: "cannot read configuration: " + err.Error(), Err: err}
	}
	return Parse(path, src)
}

// Parse reads a configuration from src, the bytes of path. Relative paths
// in it (attack.data) are resolved against path's directory.
func Parse(path string, src []byte) (*Config, error) {
	doc, err := decode(path, src)
	if err != nil {
		return nil, err
	}
	c := Default()
	c.Path = path
	d := &decoder{path: path}
	if doc != nil {
		d.root(c, doc)
	}
	if len(d.errs) > 0 {
		return nil, d.err()
	}
	c.ATTACK.Data = resolveData(filepath.Dir(path), c.ATTACK.Data)
	return c, nil
}

// decode parses the one YAML document of src; nil when it holds none (an
// empty file, only comments, or null).
func decode(path string, src []byte) (root *yaml.Node, err error) {
	defer func() {
		// yaml.v3 lets some runtime panics through; bad input must be an
		// error, never a crash.
		if r := recover(); r != nil {
			root, err = nil, &diag.InputError{Range: at(path, 1, 1), Msg: fmt.Sprintf("invalid yaml: the yaml parser failed: %v", r)}
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
		return nil, nil
	} else if err != nil {
		return nil, rules.YAMLError(path, src, err)
	}
	var next yaml.Node
	if err := dec.Decode(&next); err == nil {
		return nil, &diag.InputError{Range: at(path, next.Line, next.Column), Msg: "a configuration file holds one YAML document; this is a second"}
	} else if !errors.Is(err, io.EOF) {
		return nil, rules.YAMLError(path, src, err)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}

// decoder gathers the errors of one file.
type decoder struct {
	path string
	errs []*diag.InputError
}

func at(path string, line, col int) diag.Range {
	p := diag.Pos{Line: line, Column: col}
	return diag.Range{File: path, Start: p, End: p}
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.errs = append(d.errs, diag.Errorf(at(d.path, n.Line, n.Column), format, args...))
}

// err joins the errors in file order.
func (d *decoder) err() error {
	slices.SortStableFunc(d.errs, func(a, b *diag.InputError) int {
		if a.Range.Start.Line != b.Range.Start.Line {
			return a.Range.Start.Line - b.Range.Start.Line
		}
		return a.Range.Start.Column - b.Range.Start.Column
	})
	errs := make([]error, len(d.errs))
	for i, e := range d.errs {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// field is one key of a mapping and the function that reads its value.
type field struct {
	key  string
	read func(v *yaml.Node)
}

// mapping reads the entries of n with fields, reporting unknown and
// repeated keys. what names the mapping in messages.
func (d *decoder) mapping(n *yaml.Node, what string, fields []field) {
	n = follow(n)
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s must be a mapping of keys to values, not %s", what, kindOf(n))
		return
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := follow(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "a key of %s must be a string, not %s", what, kindOf(k))
			continue
		}
		if first := seen[k.Value]; first != nil {
			d.errorf(k, "key %q is set twice in %s (first at line %d)", k.Value, what, first.Line)
			continue
		}
		seen[k.Value] = k
		i := slices.IndexFunc(fields, func(f field) bool { return f.key == k.Value })
		if i < 0 {
			keys := make([]string, len(fields))
			for j, f := range fields {
				keys[j] = f.key
			}
			d.errorf(k, "unknown key %q in %s (want %s)", k.Value, what, strings.Join(keys, ", "))
			continue
		}
		fields[i].read(follow(v))
	}
}

// follow resolves aliases, which YAML allows anywhere.
func follow(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// isNull reports a value left empty (`key:`), null or ~: the default.
func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// kindOf names a node's kind for messages.
func kindOf(n *yaml.Node) string {
	switch {
	case isNull(n):
		return "null"
	case n.Kind == yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	}
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return "an alias"
}

// str reads a string value into *dst; null leaves it.
func (d *decoder) str(key string, dst *string) func(*yaml.Node) {
	return func(v *yaml.Node) {
		switch {
		case isNull(v):
		case v.Kind != yaml.ScalarNode:
			d.errorf(v, "%s must be a string, not %s", key, kindOf(v))
		default:
			*dst = strings.TrimSpace(v.Value)
		}
	}
}

// list reads a list of strings, calling check on each; null is an empty
// list.
func (d *decoder) list(key string, dst *[]string, check func(v *yaml.Node) bool) func(*yaml.Node) {
	return func(v *yaml.Node) {
		switch {
		case isNull(v):
			return
		case v.Kind != yaml.SequenceNode:
			d.errorf(v, "%s must be a list, not %s", key, kindOf(v))
			return
		}
		for _, e := range v.Content {
			e = follow(e)
			switch {
			case e.Kind != yaml.ScalarNode || isNull(e):
				d.errorf(e, "an element of %s must be a string, not %s", key, kindOf(e))
			case check(e):
				*dst = append(*dst, e.Value)
			}
		}
	}
}
