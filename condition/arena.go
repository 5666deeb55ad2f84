package condition

import "slices"

// arena holds the nodes of conditions parsed and resolved one after the
// other by one goroutine when no node outlives the next one, as in
// Observations, which keeps no rule's tree: reusing the nodes spares the
// allocation of a tree per rule. onHeap puts every node on the heap
// instead.
type arena struct {
	checks slab[Check]
	fields slab[Field]
	values slab[Value]
	lists  slab[List]
	idents slab[Ident]
	ands   slab[And]
	ors    slab[Or]
	nots   slab[Not]
	macros slab[Macro]
	exprs  slab[Expr]
	strs   slab[string]
}

// onHeap is the arena of trees that are kept: it never reuses a node.
var onHeap arena

func newArena() *arena {
	a := &arena{}
	a.checks.reuse, a.fields.reuse, a.values.reuse, a.lists.reuse = true, true, true, true
	a.idents.reuse, a.ands.reuse, a.ors.reuse, a.nots.reuse = true, true, true, true
	a.macros.reuse, a.exprs.reuse, a.strs.reuse = true, true, true
	return a
}

// reset makes every node handed out so far free for the next parse.
func (a *arena) reset() {
	a.checks.reset()
	a.fields.reset()
	a.values.reset()
	a.lists.reset()
	a.idents.reset()
	a.ands.reset()
	a.ors.reset()
	a.nots.reset()
	a.macros.reset()
	a.exprs.reset()
	a.strs.reset()
}

// slab hands out values of one type from a reused array, or from the
// heap unless reuse is set.
type slab[T any] struct {
	items []T
	reuse bool
}

// new returns a pointer to a copy of v.
func (s *slab[T]) new(v T) *T {
	if !s.reuse {
		n := new(T)
		*n = v
		return n
	}
	if len(s.items) == cap(s.items) {
		// What was handed out stays where it is.
		s.items = make([]T, 0, max(2*cap(s.items), 32))
	}
	s.items = append(s.items, v)
	return &s.items[len(s.items)-1]
}

// clone returns a copy of v, nil when v is empty.
func (s *slab[T]) clone(v []T) []T {
	if len(v) == 0 {
		return nil
	}
	if !s.reuse {
		return slices.Clone(v)
	}
	if cap(s.items)-len(s.items) < len(v) {
		s.items = make([]T, 0, max(2*cap(s.items), len(v)+32))
	}
	at := len(s.items)
	s.items = append(s.items, v...)
	return s.items[at:len(s.items):len(s.items)]
}

// make returns an empty slice with room for n values.
func (s *slab[T]) make(n int) []T {
	if !s.reuse {
		return make([]T, 0, n)
	}
	if cap(s.items)-len(s.items) < n {
		s.items = make([]T, 0, max(2*cap(s.items), n+32))
	}
	at := len(s.items)
	s.items = s.items[:at+n]
	return s.items[at : at : at+n]
}

func (s *slab[T]) reset() { s.items = s.items[:0] }
