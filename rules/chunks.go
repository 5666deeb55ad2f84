package rules

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"go.yaml.in/yaml/v3"

	"github.com/falcomitre/falcomitre/diag"
)

// A large rules file is decoded in chunks of whole top-level items, on
// every core, each chunk's YAML nodes given back once its items are read
// (to the worker's arena on the fast path, fastyaml.go). 100,000 rules
// decoded whole were a 650 MB node tree; in chunks only a few megabytes
// of nodes are live at once.
//
// The result must be what decoding the file whole gives, and the chunks
// are only a shortcut to it: when any chunk does not decode cleanly as a
// block sequence of its own (a split inside a quoted scalar or a flow
// collection, an alias to an anchor in an earlier chunk, a syntax error),
// the file is decoded whole, which also gives Falco's error for it.
const (
	chunkMinFile = 2 << 20   // smaller files decode whole, as before
	chunkSize    = 512 << 10 // about 1,200 falcosecurity-style rules
)

// chunkBounds returns the offsets where src's chunks start, and len(src)
// last; nil when src is to be decoded whole. A chunk after the first
// starts at a line that opens a top-level block sequence entry: "-" in
// column 1 followed by a blank or a line break.
func chunkBounds(src []byte, minFile, size int) []int {
	if len(src) < minFile || bytes.Contains(src, []byte("\n---")) || bytes.Contains(src, []byte("\n...")) {
		// Several documents: Falco reads each as its own sequence.
		return nil
	}
	bounds := []int{0}
	for pos := size; pos < len(src); {
		k := bytes.Index(src[pos:], []byte("\n-"))
		if k < 0 {
			break
		}
		at := pos + k + 1
		if next := at + 1; next < len(src) && src[next] != ' ' && src[next] != '\n' && src[next] != '\r' {
			pos = next
			continue
		}
		bounds = append(bounds, at)
		pos = at + size
	}
	if len(bounds) == 1 {
		return nil
	}
	return append(bounds, len(src))
}

// chunkResult is what one chunk gave: its items and warnings (warnItem
// counts from the chunk's first item), the item error that stopped it,
// and whether it failed to decode, which sends the file down the whole
// path.
type chunkResult struct {
	items    []*Item
	warnings []*diag.InputError
	warnItem []int
	err      error
	whole    bool
	slow     bool // decoded by yaml.v3, not fastDecode
}

// runChunks reads the file's items chunk by chunk; ok is false when the
// file must be decoded whole instead. Chunks done are handed to the feed,
// if any, in order, as soon as every chunk before them is done.
func (p *parser) runChunks(bounds []int) (err error, ok bool) {
	n := len(bounds) - 1
	res := make([]chunkResult, n)
	done := make([]bool, n)
	var mu sync.Mutex // done, and the feed's next chunk
	fed := 0
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			var a nodeArena
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				res[i] = p.chunk(bounds[i], bounds[i+1], &a)
				if res[i].whole {
					failed.Store(true)
					return
				}
				mu.Lock()
				done[i] = true
				for fed < n && done[fed] && !failed.Load() {
					p.feed.send(res[fed].items)
					if res[fed].err != nil {
						fed = n // Falco stops at the first error
						break
					}
					fed++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if failed.Load() {
		return nil, false
	}
	// Falco reads items in order and stops at the first error: merge the
	// chunks that way.
	p.f.fast = true
	for _, r := range res {
		p.f.fast = p.f.fast && !r.slow
		base := len(p.f.Items)
		p.f.Items = append(p.f.Items, r.items...)
		p.f.Warnings = append(p.f.Warnings, r.warnings...)
		for _, w := range r.warnItem {
			p.f.warnItem = append(p.f.warnItem, base+w)
		}
		if r.err != nil {
			return r.err, true
		}
	}
	return nil, true
}

// chunk decodes src[start:end] and reads its items with a parser of its
// own, which shares the file's source and line starts. The nodes are a's
// and go back to it: items keep none.
func (p *parser) chunk(start, end int, a *nodeArena) (r chunkResult) {
	defer a.reset()
	defer func() {
		if recover() != nil {
			r = chunkResult{whole: true}
		}
	}()
	line := sort.SearchInts(p.lines.starts, start)
	if line == len(p.lines.starts) || p.lines.starts[line] != start && start != 0 {
		return chunkResult{whole: true}
	}
	doc, ok := fastDecode(p.f.Src[start:end], line, a)
	if !ok {
		r.slow = true
		if doc, ok = decodeChunk(p.f.Src[start:end]); !ok {
			return chunkResult{whole: true}
		}
		if start > 0 {
			shiftLines(doc, line)
		}
	}
	cp := &parser{f: &File{Path: p.f.Path, Src: p.f.Src}, lines: p.lines.clone()}
	err := cp.document(doc)
	for _, it := range cp.f.Items {
		it.File = p.f // not the chunk parser's stand-in
	}
	return chunkResult{items: cp.f.Items, warnings: cp.f.Warnings, warnItem: cp.f.warnItem, err: err, slow: r.slow}
}

// decodeChunk decodes a chunk with yaml.v3; ok is false unless it is a
// block sequence in column 1, one document.
func decodeChunk(src []byte) (*yaml.Node, bool) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc, more yaml.Node
	if err := dec.Decode(&doc); err != nil {
		return nil, false
	}
	if err := dec.Decode(&more); !errors.Is(err, io.EOF) {
		return nil, false
	}
	// Each chunk must be a block sequence in column 1 for the chunks to
	// be one sequence when joined: "[0]\n" then "-" decode alone, not
	// together (a fuzzing find).
	if root := doc.Content; len(root) != 1 || root[0].Kind != yaml.SequenceNode || root[0].Column != 1 || root[0].Style&yaml.FlowStyle != 0 {
		return nil, false
	}
	return &doc, true
}

// shiftLines adds d to the line of n and every node under it: a chunk's
// decoder counts lines from the chunk's start. Alias targets are reached
// where they are written, not through the alias.
func shiftLines(n *yaml.Node, d int) {
	n.Line += d
	for _, c := range n.Content {
		shiftLines(c, d)
	}
}
