package rules

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/falcomitre/falcomitre/diag"
)

// dump prints everything a loader case produces, deterministically, for
// the golden files. Paths are printed relative to dir.
func dump(s *Set, dir string) string {
	var b strings.Builder
	rel := func(p string) string {
		if r, err := filepath.Rel(dir, p); err == nil {
			return r
		}
		return p
	}
	rng := func(r diag.Range) string {
		return fmt.Sprintf("%s:%d:%d-%d:%d [%d,%d)", rel(r.File), r.Start.Line, r.Start.Column,
			r.End.Line, r.End.Column, r.Start.Offset, r.End.Offset)
	}
	msg := func(e error) string {
		if ie, ok := e.(*diag.InputError); ok {
			c := *ie
			c.Range.File = rel(c.Range.File)
			return c.Error()
		}
		return e.Error()
	}
	tag := func(t Tag) string {
		q := ""
		if t.Quoted != 0 {
			q = " quoted=" + string(t.Quoted)
		}
		return fmt.Sprintf("%q %s%s", t.Value, rng(t.Range), q)
	}
	for _, f := range s.Files {
		fmt.Fprintf(&b, "== file %s\n", rel(f.Path))
		if f.Err != nil {
			fmt.Fprintf(&b, "error: %s\n", msg(f.Err))
		}
		for _, w := range f.Warnings {
			fmt.Fprintf(&b, "warning: %s\n", msg(w))
		}
		for _, it := range f.Items {
			fmt.Fprintf(&b, "item %s %q %s %s\n", it.Kind, it.Name, it.Mode, rng(it.Range))
			if it.Source != "" {
				fmt.Fprintf(&b, "  source: %q\n", it.Source)
			}
			if it.Enabled != nil {
				fmt.Fprintf(&b, "  enabled: %v\n", *it.Enabled)
			}
			if it.TagsKey != nil {
				fmt.Fprintf(&b, "  tags key: %q %s\n", it.TagsKey.Name, rng(it.TagsKey.Range))
			}
			for _, t := range it.Tags {
				fmt.Fprintf(&b, "  tag %s\n", tag(t))
			}
			if sq := it.TagsSeq; sq != nil {
				style := "block"
				if sq.Flow {
					style = "flow"
				}
				fmt.Fprintf(&b, "  tags seq: %s [%d,%d)%s\n", style, sq.Range.Start.Offset, sq.Range.End.Offset, anchored(sq.Anchored))
				for i, e := range sq.Elems {
					fmt.Fprintf(&b, "    elem %d: start=%d dash=%d line=%d%s\n", i, e.Start, e.Dash, e.LineStart, anchored(e.Anchored))
				}
			}
			if it.TagsOverride != "" {
				fmt.Fprintf(&b, "  tags override: %s\n", it.TagsOverride)
			}
			if it.TagsIgnored != "" {
				fmt.Fprintf(&b, "  tags ignored: %s\n", it.TagsIgnored)
			}
			for _, k := range it.StrayTagKeys {
				fmt.Fprintf(&b, "  stray key: %q %s\n", k.Name, rng(k.Range))
			}
			for _, t := range it.StrayTags {
				fmt.Fprintf(&b, "  stray tag %s\n", tag(t))
			}
		}
	}
	b.WriteString("== rules\n")
	for _, r := range s.Rules {
		fmt.Fprintf(&b, "rule %q source=%s enabled=%v\n", r.Name, r.Source, r.Enabled)
		for _, it := range r.Items {
			def := ""
			if it == r.Def {
				def = " (def)"
			}
			fmt.Fprintf(&b, "  item %s %s%s\n", it.Mode, rng(it.Range), def)
		}
		if r.TagsKey != nil {
			fmt.Fprintf(&b, "  tags key: %s\n", rng(r.TagsKey.Range))
		}
		for _, t := range r.Tags {
			fmt.Fprintf(&b, "  tag %s\n", tag(*t))
		}
	}
	for _, m := range s.Macros {
		fmt.Fprintf(&b, "macro %q %s\n", m.Name, rng(m.Range))
	}
	for _, l := range s.Lists {
		fmt.Fprintf(&b, "list %q %s\n", l.Name, rng(l.Range))
	}
	return b.String()
}

func anchored(b bool) string {
	if b {
		return " anchored"
	}
	return ""
}
