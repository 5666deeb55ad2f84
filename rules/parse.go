package rules

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"go.yaml.in/yaml/v3"

	"github.com/falcomitre/falcomitre/diag"
)

// Parse reads one rules file the way Falco's reader does
// (rule_loader_reader.cpp): every item in order, stopping at the first
// error, which it stores in File.Err. Parse never returns nil and never
// panics, whatever src holds.
//
// Errors that depend on what earlier files defined (an append to a rule
// that does not exist, a source mismatch) belong to Falco's collector and
// are found by Resolve.
//
// The File keeps src, and values read from it may share its memory: the
// caller must not change src afterwards.
func Parse(path string, src []byte) *File {
	return parse(path, src, chunkMinFile, chunkSize, nil)
}

// parse is Parse with chunks of about size bytes for files of minFile
// bytes or more (chunks.go); tests make both small. Chunks read are sent
// to fd, when not nil, as they are read.
func parse(path string, src []byte, minFile, size int, fd *feed) *File {
	f := &File{Path: path, Src: src}
	p := &parser{f: f, lines: newLineTable(src), chunkMin: minFile, chunkSize: size, feed: fd}
	if err := p.run(); err != nil {
		f.readErr = err
		f.Err = err
	}
	f.parsed = f.Items
	f.warnings = f.Warnings
	return f
}

// parser holds the state of one Parse call.
type parser struct {
	f     *File
	lines *lineTable
	// exValues counts exception entries read, aliases expanded.
	exValues int
	// chunkMin and chunkSize are the file size from which the file is
	// decoded in chunks, and their size.
	chunkMin, chunkSize int
	// feed gets the items of chunks as they are read; nil when no one
	// listens.
	feed *feed
}

func (p *parser) run() error {
	if len(p.f.Src) >= 2 && (p.f.Src[0] == 0xFF && p.f.Src[1] == 0xFE || p.f.Src[0] == 0xFE && p.f.Src[1] == 0xFF) {
		// yaml.v3 would decode UTF-16, but then its marks no longer map
		// to byte offsets in Src, which the fix patcher needs.
		r := diag.Range{File: p.f.Path, Start: diag.Pos{Line: 1, Column: 1}, End: diag.Pos{Line: 1, Column: 1}}
		return diag.Errorf(r, "utf-16 files are not supported, save the file as utf-8")
	}
	if bounds := chunkBounds(p.f.Src, p.chunkMin, p.chunkSize); bounds != nil {
		if err, ok := p.runChunks(bounds); ok {
			return err
		}
		p.feed.void()
	}
	// Falco parses every document before reading any item (spec §0, §2:
	// reader::read calls YAML::LoadAll), so a syntax error anywhere means
	// nothing of the file is loaded.
	docs, err := p.decode()
	if err != nil {
		return err
	}
	for _, doc := range docs {
		if err := p.document(doc); err != nil {
			return err
		}
	}
	return nil
}

// decode parses all the YAML documents of the file.
func (p *parser) decode() (docs []*yaml.Node, err error) {
	defer func() {
		// yaml.v3 turns its own failures into errors but lets a runtime
		// panic through; a linter must report it as bad input instead.
		if r := recover(); r != nil {
			err = diag.Errorf(p.nodeRangeAt(1, 1), "invalid yaml: the yaml parser failed: %v", r)
		}
	}()
	if doc, ok := fastDecode(p.f.Src, 0, nil); ok {
		return []*yaml.Node{doc}, nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(p.f.Src))
	for {
		doc := new(yaml.Node)
		err := dec.Decode(doc)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, p.yamlError(err)
		}
		docs = append(docs, doc)
	}
}

// nodeRangeAt returns an empty range at a yaml.v3 mark.
func (p *parser) nodeRangeAt(line, col int) diag.Range {
	pos := p.lines.pos(p.lines.offset(line, col))
	return diag.Range{File: p.f.Path, Start: pos, End: pos}
}

// document reads the items of one YAML document (spec §2).
func (p *parser) document(doc *yaml.Node) error {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil
	}
	root := resolve(doc.Content[0])
	switch {
	case isNull(root):
		return nil
	case root.Kind == yaml.MappingNode:
		return diag.Errorf(p.nodeRange(root), "rules content is not a yaml array of objects")
	case root.Kind != yaml.SequenceNode:
		return diag.Errorf(p.nodeRange(root), "rules content is not yaml")
	}
	for _, el := range root.Content {
		el = resolve(el)
		if isNull(el) {
			continue
		}
		if el.Kind != yaml.MappingNode {
			return diag.Errorf(p.nodeRange(el), "unexpected element type: each element should be a yaml mapping")
		}
		it, err := p.item(el)
		if it != nil {
			p.f.Items = append(p.f.Items, it)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// warn records a Falco load warning.
func (p *parser) warn(r diag.Range, format string, args ...any) {
	p.f.Warnings = append(p.f.Warnings, &diag.InputError{Range: r, Msg: fmt.Sprintf(format, args...)})
	p.f.warnItem = append(p.f.warnItem, len(p.f.Items))
}

// resolve follows aliases: Falco's yaml-cpp makes an alias the very node
// its anchor names.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// isNull reports whether yaml-cpp would see n as null: an untagged plain
// ~, null, Null, NULL or nothing. An explicit tag makes it a scalar for
// yaml-cpp, whatever the tag says.
func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == yaml.ScalarNode && n.Tag == "!!null" && n.Style&yaml.TaggedStyle == 0
}

// isScalar reports whether yaml-cpp's IsScalar would hold: a scalar that
// is not null.
func isScalar(n *yaml.Node) bool {
	return n != nil && n.Kind == yaml.ScalarNode && !isNull(n)
}
