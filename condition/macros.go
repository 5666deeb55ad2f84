package condition

import (
	"math"
	"sync/atomic"

	"github.com/falcomitre/falcomitre/rules"
)

// macro is a macro as the compiler holds it.
type macro struct {
	info *rules.Named
	text *Text
	raw  Expr // the parsed condition; nil when it did not parse
	body Expr // raw with its references resolved, once done
	done bool
	// failed is set when resolving the macro found an error: a rule
	// using it resolves its raw text again, as Falco would revisit the
	// unresolved references in the copy it splices in.
	failed bool
	file   int // load position of the file of its first definition
	// What visiting body gives, the same for every rule and worked out
	// by the first rule that needs it: the event set and the names by
	// negation, the validation by whether the rule is a syscall one.
	events [2]atomic.Pointer[evtMemo]
	names  [2]atomic.Pointer[names]
	valid  [2]atomic.Pointer[validMemo]
}

// index is 1 for true, the index of the memos above.
func index(b bool) int {
	if b {
		return 1
	}
	return 0
}

// resolver resolves macro references with Falco's visibility rules.
type resolver struct {
	byName  map[string]*macro
	fileIdx map[*rules.File]int
}

// resolution is one run of filter_macro_resolver over one macro's or
// rule's condition (spec §3, macros): it sees the macros whose index is
// below vis, follows references to any depth, and records the first
// reference loop and the first undefined macro, in visiting order.
type resolution struct {
	r       *resolver
	vis     int
	path    []*macro
	loop    *typeError
	unknown *typeError
	// memo holds the macros this run resolved itself (those not done,
	// or failed), so that a macro used twice is resolved once: the
	// result is the same, and without it macros that each use the one
	// before twice would take time exponential in their number.
	memo map[*macro]Expr
	// own holds the nodes made for the condition's own tree; those of a
	// macro's body resolved again (path not empty) go on the heap, since
	// memos keep them. Nil is onHeap.
	own *arena
}

// nodes is where the node being made goes.
func (rs *resolution) nodes() *arena {
	if rs.own == nil || len(rs.path) > 0 {
		return &onHeap
	}
	return rs.own
}

// ruleVisibility is MAX_VISIBILITY: rules see every macro.
const ruleVisibility = math.MaxInt

// resolve returns e, found in text t, with its references replaced; the
// parts of e without references are shared, not copied.
func (rs *resolution) resolve(e Expr, t *Text) Expr {
	switch e := e.(type) {
	case *And:
		if kids, changed := rs.children(e.Children, t); changed {
			return rs.nodes().ands.new(And{Children: kids, At: e.At})
		}
	case *Or:
		if kids, changed := rs.children(e.Children, t); changed {
			return rs.nodes().ors.new(Or{Children: kids, At: e.At})
		}
	case *Not:
		if c := rs.resolve(e.Child, t); c != e.Child {
			return rs.nodes().nots.new(Not{Child: c, At: e.At})
		}
	case *Ident:
		return rs.ident(e, t)
	}
	// Checks are leaves: filter_macro_resolver does not look inside
	// them, so an identifier there is a value, never a macro.
	return e
}

func (rs *resolution) children(kids []Expr, t *Text) ([]Expr, bool) {
	var out []Expr
	for i, c := range kids {
		r := rs.resolve(c, t)
		if r != c && out == nil {
			out = append(rs.nodes().exprs.make(len(kids)), kids[:i]...)
		}
		if out != nil {
			out = append(out, r)
		}
	}
	return out, out != nil
}

// ident resolves one reference (filter_macro_resolver visitor on an
// identifier).
func (rs *resolution) ident(e *Ident, t *Text) Expr {
	m := rs.r.byName[e.Name]
	if m == nil || m.info.Index >= rs.vis || !rs.r.definedBefore(m, t, e.At) {
		rs.undefined(e, t)
		return e
	}
	for _, p := range rs.path {
		if p == m {
			if rs.loop == nil {
				rs.loop = &typeError{msg: "reference loop in macro '" + e.Name + "'", text: t, at: e.At}
			}
			rs.undefined(e, t)
			return e
		}
	}
	if m.raw == nil {
		// Its parse error is reported on the macro itself, and Falco
		// stops there.
		return e
	}
	body := m.body
	if !m.done || m.failed {
		var ok bool
		if body, ok = rs.memo[m]; !ok {
			rs.path = append(rs.path, m)
			body = rs.resolve(m.raw, m.text)
			rs.path = rs.path[:len(rs.path)-1]
			if rs.memo == nil {
				rs.memo = map[*macro]Expr{}
			}
			rs.memo[m] = body
		}
	}
	ref := rs.nodes().macros.new(Macro{Name: e.Name, At: e.At, Body: body, Text: m.text})
	if m.done && !m.failed {
		ref.shared = m
	}
	return ref
}

func (rs *resolution) undefined(e *Ident, t *Text) {
	if rs.unknown == nil {
		rs.unknown = &typeError{msg: "undefined macro '" + e.Name + "' used in filter", text: t, at: e.At}
	}
}

// err is the error Falco reports for the run: the first loop, else the
// first undefined macro (rule_loader_compiler.cpp resolve_macros).
func (rs *resolution) err() *typeError {
	if rs.loop != nil {
		return rs.loop
	}
	return rs.unknown
}

// definedBefore reports whether the reference at offset at of t was
// loaded no earlier than the file that first defined m. Falco compiles
// after each file (spec §3), so a reference to a macro a later file
// defines fails when the earlier file loads, whatever comes after.
func (r *resolver) definedBefore(m *macro, t *Text, at int) bool {
	it := t.Item(at)
	if it == nil || it.File == nil {
		return true
	}
	f, ok := r.fileIdx[it.File]
	return !ok || f >= m.file
}
