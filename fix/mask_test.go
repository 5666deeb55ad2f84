package fix_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/falcomitre/falcomitre/rules"
)

// sameButTags is a second proof, independent of Verify, that two versions
// of a rules file differ only in their tags: it decodes both with yaml.v3,
// masks the value of every `tags` key that is a sequence, compares the
// node trees (kinds, YAML tags, values, styles, anchors), and compares
// the files' comments as multisets. Comments are read from the bytes, not
// from yaml.v3, which drops some (one inside an empty flow list).
func sameButTags(a, b []byte) error {
	da, err := decodeMasked(a)
	if err != nil {
		return fmt.Errorf("before: %w", err)
	}
	db, err := decodeMasked(b)
	if err != nil {
		return fmt.Errorf("after: %w", err)
	}
	if len(da) != len(db) {
		return fmt.Errorf("%d documents before, %d after", len(da), len(db))
	}
	for i := range da {
		if err := sameNode(da[i], db[i], "doc"); err != nil {
			return err
		}
	}
	if ca, cb := rawComments(a), rawComments(b); !slices.Equal(ca, cb) {
		return fmt.Errorf("comments differ:\n%q\n%q", ca, cb)
	}
	return nil
}

func decodeMasked(src []byte) ([]*yaml.Node, error) {
	var docs []*yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		mask(&n, 0)
		docs = append(docs, &n)
	}
	return docs, nil
}

// rawComments returns, sorted, every "#" that follows a blank or starts a
// line, up to the end of its line, with the bytes of the tags blanked out
// first (a tag may hold " #"). Other scalars may hold such text too, but
// they are the same in both versions.
func rawComments(src []byte) []string {
	b := bytes.Clone(src)
	for _, it := range rules.Parse("f.yaml", src).Items {
		for _, t := range it.Tags {
			for i := t.Range.Start.Offset; i < t.Range.End.Offset && i < len(b); i++ {
				b[i] = 'x'
			}
		}
	}
	var out []string
	for i := 0; i < len(b); i++ {
		if b[i] != '#' || i > 0 && !strings.ContainsRune(" \t\r\n", rune(b[i-1])) {
			continue
		}
		e := i
		for e < len(b) && b[e] != '\n' && b[e] != '\r' {
			e++
		}
		out = append(out, strings.TrimRight(string(b[i:e]), " \t"))
		i = e
	}
	slices.Sort(out)
	return out
}

func mask(n *yaml.Node, depth int) {
	if n == nil || depth > 100 {
		return
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k, v := n.Content[i], n.Content[i+1]; k.Kind == yaml.ScalarNode && k.Value == "tags" && v.Kind == yaml.SequenceNode {
				n.Content[i+1] = &yaml.Node{Kind: yaml.ScalarNode, Value: "<tags>"}
			}
		}
	}
	for _, c := range n.Content {
		mask(c, depth+1)
	}
}

func sameNode(a, b *yaml.Node, path string) error {
	if a.Kind != b.Kind || a.Tag != b.Tag || a.Value != b.Value || a.Style != b.Style || a.Anchor != b.Anchor || len(a.Content) != len(b.Content) {
		return fmt.Errorf("%s: %v %q %q %v differs from %v %q %q %v", path, a.Kind, a.Tag, a.Value, a.Style, b.Kind, b.Tag, b.Value, b.Style)
	}
	if a.Kind == yaml.AliasNode {
		return nil // the anchored node is compared where it is
	}
	for i := range a.Content {
		if err := sameNode(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", path, i)); err != nil {
			return err
		}
	}
	return nil
}

// TestSameButTags checks the checker: it must see a change outside tags.
func TestSameButTags(t *testing.T) {
	base := "# c\n- rule: R\n  condition: a\n  tags: [x, y]  # t\n"
	for _, c := range []struct {
		after string
		same  bool
	}{
		{"# c\n- rule: R\n  condition: a\n  tags: [x]  # t\n", true},
		{"# c\n- rule: R\n  condition: a\n  tags:\n    - z  # t\n", true},
		{"# c\n- rule: R\n  condition: b\n  tags: [x, y]  # t\n", false},
		{"# C\n- rule: R\n  condition: a\n  tags: [x, y]  # t\n", false},
		{"# c\n- rule: R\n  condition: a\n  tags: [x, y]\n", false},
		{"# c\n- rule: R\n  condition: 'a'\n  tags: [x, y]  # t\n", false},
	} {
		if err := sameButTags([]byte(base), []byte(c.after)); (err == nil) != c.same {
			t.Errorf("%q: err = %v, want same=%v", c.after, err, c.same)
		}
	}
}
