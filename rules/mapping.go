package rules

import (
	"go.yaml.in/yaml/v3"

	"github.com/falcomitre/falcomitre/diag"
)

// mapping is a YAML mapping read the way Falco reads one with yaml-cpp's
// node[key]: the first entry whose key is the scalar key wins, so a
// duplicate key is accepted and ignored (spec §8).
type mapping struct {
	p    *parser
	node *yaml.Node
	// at is where errors about the mapping as a whole point: Falco's
	// context for an item is its first key (spec §8).
	at diag.Range
}

func (p *parser) mapping(n *yaml.Node) mapping {
	m := mapping{p: p, node: n}
	if len(n.Content) > 0 {
		m.at = p.nodeRange(n.Content[0])
	} else {
		m.at = p.nodeRange(n)
	}
	return m
}

// get returns the key and value (aliases followed) of key, nil when absent.
func (m mapping) get(key string) (k, v *yaml.Node) {
	c := m.node.Content
	for i := 0; i+1 < len(c); i += 2 {
		if kn := resolve(c[i]); isScalar(kn) && kn.Value == key {
			return kn, resolve(c[i+1])
		}
	}
	return nil, nil
}

// rawValue returns the value of key node k as written, an alias not
// followed.
func (m mapping) rawValue(k *yaml.Node) *yaml.Node {
	c := m.node.Content
	for i := 0; i+1 < len(c); i += 2 {
		if resolve(c[i]) == k {
			return c[i+1]
		}
	}
	return nil
}

// has reports whether key is present, whatever its value (IsDefined).
func (m mapping) has(key string) bool {
	k, _ := m.get(key)
	return k != nil
}

// keyValues calls fn for every entry, duplicates included, in order.
func (m mapping) keyValues(fn func(k, v *yaml.Node)) {
	c := m.node.Content
	for i := 0; i+1 < len(c); i += 2 {
		fn(resolve(c[i]), resolve(c[i+1]))
	}
}

// key returns the Key of a key node.
func (m mapping) key(k *yaml.Node) *Key {
	return &Key{Name: k.Value, Range: m.p.nodeRange(k)}
}
