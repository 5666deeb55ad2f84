package fix_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/fix"
	"github.com/falcomitre/falcomitre/rules"
)

const verifyBase = `# head
- macro: m
  condition: evt.type = execve
- rule: R
  desc: d
  condition: m
  output: o
  priority: WARNING
  tags:
    # about the tags
    - mitre_execution  # why
    - T1059
- rule: S
  desc: d
  condition: m
  output: o
  priority: WARNING
  tags: [a, b]  # flow
`

// TestVerify: tag changes pass; anything else is refused.
func TestVerify(t *testing.T) {
	before := rules.Parse("r.yaml", []byte(verifyBase))
	for _, c := range []struct {
		name, old, new string
		err            string // "" when Verify must accept
	}{
		{"replace a tag", "- T1059\n", "- T1059.004\n", ""},
		{"add a block tag", "- T1059\n", "- T1059\n    - host\n", ""},
		{"remove a block tag, keep its comment", "- mitre_execution  # why", "# why", ""},
		{"rewrite a flow list", "[a, b]", "['x',\"y\",  z]", ""},
		{"quote a tag", "- T1059\n", "- 'T1059'\n", ""},
		{"change a condition", "condition: m\n", "condition: n\n", "beyond its tags"},
		{"change a comment outside", "# head", "# HEAD", "outside its tags"},
		{"drop a comment in a list", "  # why", "", "comments"},
		{"change a comment in a list", "# about the tags", "# about tags", "comments"},
		{"change the comment after a flow list", "# flow", "# FLOW", "outside its tags"},
		{"break the YAML", "[a, b]", "[a, b", "no longer load"},
		{"empty the block list", "    # about the tags\n    - mitre_execution  # why\n    - T1059\n", "", "no longer load"},
		{"block to flow", "\n    # about the tags\n    - mitre_execution  # why\n    - T1059\n", " [mitre_execution, T1059]\n", "beyond its tags"},
		{"add an item", "# head\n", "# head\n- list: l\n  items: [x]\n", "beyond its tags"},
		{"change indentation outside", "  desc: d\n  condition: m\n  output: o\n  priority: WARNING\n  tags:\n", "  desc:  d\n  condition: m\n  output: o\n  priority: WARNING\n  tags:\n", "outside its tags"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(verifyBase, c.old) {
				t.Fatalf("%q not in the base", c.old)
			}
			after := rules.Parse("r.yaml", []byte(strings.Replace(verifyBase, c.old, c.new, 1)))
			err := fix.Verify(before, after)
			if byDigest := fix.VerifyByDigest(before, after); fmt.Sprint(byDigest) != fmt.Sprint(err) {
				t.Errorf("against the digest: %v; against the model: %v", byDigest, err)
			}
			switch {
			case c.err == "" && err != nil:
				t.Errorf("refused: %v", err)
			case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
				t.Errorf("err = %v, want one about %q", err, c.err)
			}
		})
	}
}
