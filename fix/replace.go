package fix

import (
	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/rules"
)

// Replace returns the edit that writes text in place of tag t, in t's
// quoting: 'T1' for 't1', "T1" for "t1", T1 for t1 (quoted when text needs
// it). A YAML tag property in front of the scalar (!!str) stays.
func Replace(t rules.Tag, text string) ([]diag.Edit, error) {
	l, err := locate(t)
	if err != nil {
		return nil, err
	}
	s := t.Range.Start.Offset
	return []diag.Edit{{File: l.path, Offset: s, Length: l.end - s, Text: scalar(text, t.Quoted)}}, nil
}
