package check

import (
	"bytes"
	"errors"
	"io"
	"strings"

	"go.yaml.in/yaml/v3"
)

// yamlComments returns the text of every YAML comment of src, one line
// each, "#" included and trailing blanks trimmed; nil when src is not
// valid YAML. It is the proof that a "# falcomitre:ignore" found in the
// bytes is a comment and not text in a quoted or block scalar, which a
// byte scan cannot tell. It parses src a second time, so it is only
// called for files that hold the marker.
func yamlComments(src []byte) (out map[string]bool) {
	defer func() {
		// rules.Parse recovers from yaml.v3's panics too; a file that
		// makes it panic has no suppressions.
		if recover() != nil {
			out = nil
		}
	}()
	out = map[string]bool{}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			return nil
		}
		addComments(out, &doc, 0)
	}
}

// addComments adds the comments of n and the nodes under it. Aliases are
// not followed: their target is walked where it is written.
func addComments(out map[string]bool, n *yaml.Node, depth int) {
	if depth > 10000 {
		return
	}
	for _, c := range []string{n.HeadComment, n.LineComment, n.FootComment} {
		for line := range strings.SplitSeq(c, "\n") {
			if line = strings.TrimRight(line, " \t\r"); line != "" {
				out[strings.TrimLeft(line, " \t")] = true
			}
		}
	}
	for _, c := range n.Content {
		addComments(out, c, depth+1)
	}
}
