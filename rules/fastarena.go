package rules

import "go.yaml.in/yaml/v3"

// nodeArena hands out nodes and Content slices from blocks it keeps for
// the next decoding once reset: the chunks of a large file are decoded one
// after the other, and fresh memory costs more than the decoding.
type nodeArena struct {
	nodeBlocks [][]yaml.Node
	ptrBlocks  [][]*yaml.Node
	nb, pb     int // the blocks in use
	nodes      []yaml.Node
	ptrs       []*yaml.Node
	stack      []*yaml.Node // children of the collections being read
}

const arenaBlock = 1024

// reset takes back every node and slice handed out.
func (a *nodeArena) reset() {
	a.nb, a.pb, a.nodes, a.ptrs = 0, 0, nil, nil
}

// node returns a node set to the arguments, every other field zero.
func (a *nodeArena) node(kind yaml.Kind, tag, value string, line, col int) *yaml.Node {
	if len(a.nodes) == 0 {
		if a.nb == len(a.nodeBlocks) {
			a.nodeBlocks = append(a.nodeBlocks, make([]yaml.Node, arenaBlock))
		}
		a.nodes = a.nodeBlocks[a.nb]
		a.nb++
	}
	n := &a.nodes[0]
	a.nodes = a.nodes[1:]
	// Field by field: the others (anchors, aliases, comments) are never
	// set here, and a whole-struct write costs their write barriers too.
	n.Kind, n.Style, n.Tag, n.Value, n.Content, n.Line, n.Column = kind, 0, tag, value, nil, line, col
	return n
}

// content copies children into a block, capped so that an append to one
// node's Content cannot overwrite the next one's.
func (a *nodeArena) content(children []*yaml.Node) []*yaml.Node {
	n := len(children)
	if n > arenaBlock {
		return append([]*yaml.Node(nil), children...)
	}
	if n > len(a.ptrs) {
		if a.pb == len(a.ptrBlocks) {
			a.ptrBlocks = append(a.ptrBlocks, make([]*yaml.Node, arenaBlock))
		}
		a.ptrs = a.ptrBlocks[a.pb]
		a.pb++
	}
	c := a.ptrs[:n:n]
	a.ptrs = a.ptrs[n:]
	copy(c, children)
	return c
}
