package report

import (
	"bufio"
	"io"
)

// A layer is written as encoding/json writes it indented by two spaces
// without HTML escaping, field by field: a large set's layer was
// marshalled, then copied to indent it, then written, tens of megabytes
// in all. TestLayerJSON holds the bytes to encoding/json's.

// jsonIndent writes indented JSON, placing the commas and line breaks
// between the members of objects and arrays.
type jsonIndent struct {
	b     *bufio.Writer
	depth int
	// empty is whether the object or array last opened has no member yet.
	empty bool
}

// open starts an object ('{') or an array ('[').
func (j *jsonIndent) open(c byte) {
	j.b.WriteByte(c)
	j.depth++
	j.empty = true
}

// close ends what open started; an empty one stays on its line.
func (j *jsonIndent) close(c byte) {
	j.depth--
	if !j.empty {
		j.newline()
	}
	j.b.WriteByte(c)
	j.empty = false
}

// elem starts a member of an array.
func (j *jsonIndent) elem() {
	if !j.empty {
		j.b.WriteByte(',')
	}
	j.newline()
	j.empty = false
}

// key starts a member of an object; name needs no escaping.
func (j *jsonIndent) key(name string) {
	j.elem()
	j.b.WriteByte('"')
	j.b.WriteString(name)
	j.b.WriteString(`": `)
}

func (j *jsonIndent) newline() {
	j.b.WriteByte('\n')
	for range j.depth {
		j.b.WriteString("  ")
	}
}

func (j *jsonIndent) str(s string)       { writeJSONString(j.b, s, jsonPlain) }
func (j *jsonIndent) int(n int)          { writeInt(j.b, n) }
func (j *jsonIndent) bool(v bool)        { writeJSONBool(j.b, v) }
func (j *jsonIndent) null()              { j.b.WriteString("null") }
func (j *jsonIndent) strKey(k, s string) { j.key(k); j.str(s) }

// list writes a JSON array of items, null for a nil slice.
func list[T any](j *jsonIndent, items []T, write func(*jsonIndent, *T)) {
	if items == nil {
		j.null()
		return
	}
	j.open('[')
	for i := range items {
		j.elem()
		write(j, &items[i])
	}
	j.close(']')
}

// writeLayerJSON writes one JSON value and a newline, as an Encoder
// does.
func writeLayerJSON(w io.Writer, write func(*jsonIndent)) error {
	b := newDocWriter(w)
	write(&jsonIndent{b: b})
	b.WriteByte('\n')
	return b.Flush()
}

func (l *Layer) writeJSON(j *jsonIndent) {
	if l == nil {
		j.null()
		return
	}
	j.open('{')
	j.strKey("name", l.Name)
	j.key("versions")
	j.open('{')
	j.strKey("attack", l.Versions.ATTACK)
	j.strKey("navigator", l.Versions.Navigator)
	j.strKey("layer", l.Versions.Layer)
	j.close('}')
	j.strKey("domain", l.Domain)
	if l.Description != "" {
		j.strKey("description", l.Description)
	}
	if l.Filters != nil {
		j.key("filters")
		j.open('{')
		j.key("platforms")
		list(j, l.Filters.Platforms, (*jsonIndent).strAt)
		j.close('}')
	}
	j.key("sorting")
	j.int(l.Sorting)
	j.key("layout")
	j.open('{')
	j.strKey("layout", l.Layout.Layout)
	j.key("showID")
	j.bool(l.Layout.ShowID)
	j.key("showName")
	j.bool(l.Layout.ShowName)
	j.strKey("expandedSubtechniques", l.Layout.ExpandedSubtechniques)
	j.close('}')
	j.key("techniques")
	list(j, l.Techniques, (*jsonIndent).entry)
	j.key("gradient")
	j.open('{')
	j.key("colors")
	list(j, l.Gradient.Colors, (*jsonIndent).strAt)
	j.key("minValue")
	j.int(l.Gradient.MinValue)
	j.key("maxValue")
	j.int(l.Gradient.MaxValue)
	j.close('}')
	j.key("legendItems")
	list(j, l.LegendItems, func(j *jsonIndent, it *LayerLegend) {
		j.open('{')
		j.strKey("label", it.Label)
		j.strKey("color", it.Color)
		j.close('}')
	})
	j.metaAndLinks(l.Metadata, l.Links)
	j.key("selectTechniquesAcrossTactics")
	j.bool(l.SelectTechniquesAcrossTactics)
	j.key("selectSubtechniquesWithParent")
	j.bool(l.SelectSubtechniquesWithParent)
	j.close('}')
}

func (j *jsonIndent) strAt(s *string) { j.str(*s) }

func (j *jsonIndent) entry(e *LayerEntry) {
	j.open('{')
	j.strKey("techniqueID", e.TechniqueID)
	j.strKey("tactic", e.Tactic)
	j.key("score")
	j.int(e.Score)
	if e.Comment != "" {
		j.strKey("comment", e.Comment)
	}
	j.metaAndLinks(e.Metadata, e.Links)
	j.close('}')
}

// metaAndLinks writes the metadata and links members of a layer or an
// entry, each only when not empty (omitempty).
func (j *jsonIndent) metaAndLinks(meta []LayerMeta, links []LayerLink) {
	if len(meta) > 0 {
		j.key("metadata")
		list(j, meta, (*jsonIndent).meta)
	}
	if len(links) > 0 {
		j.key("links")
		list(j, links, (*jsonIndent).link)
	}
}

func (j *jsonIndent) meta(m *LayerMeta) {
	j.open('{')
	if m.Name != "" {
		j.strKey("name", m.Name)
	}
	if m.Value != "" {
		j.strKey("value", m.Value)
	}
	if m.Divider {
		j.key("divider")
		j.bool(true)
	}
	j.close('}')
}

func (j *jsonIndent) link(l *LayerLink) {
	j.open('{')
	j.strKey("label", l.Label)
	j.strKey("url", l.URL)
	j.close('}')
}
