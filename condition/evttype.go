package condition

import (
	"strconv"
	"strings"
)

// evtVisitor computes the event codes a syscall condition can match, as
// libsinsp's ppm_code_visitor does for Falco's rule index (ppm_codes.cpp,
// spec §4): `and` intersects, `or` unites, `not` is pushed down to the
// leaves (so inside a negation `and` and `or` swap), and each leaf gives
// a set, complemented under negation only when it is about event types.
// It stops at what libsinsp throws on: evt.type compared with a field or
// inside a transformer.
type evtVisitor struct {
	err  *typeError
	text *Text // the text of the nodes being visited, for errors
	// memo has the set of each macro body met, by negation, with the
	// first error inside it, for the bodies that are not their macro's
	// (macro.events has the others): a macro used twice by the one above
	// would otherwise double the work at each level. The set and the
	// error do not depend on the rule, so the memo may be shared by the
	// rules of a goroutine.
	memo map[memoKey]*evtMemo
}

// evtMemo is what visiting a macro body gives.
type evtMemo struct {
	set EventSet
	err *typeError
}

// memoKey is a macro body under a negation or not.
type memoKey struct {
	body Expr
	neg  bool
}

// typeError is an error found after parsing, at a node of some text.
type typeError struct {
	msg  string
	text *Text
	at   int
	// unknownFilter marks what Falco's err_is_unknown_type_or_field
	// matches, which skip-if-unknown-filter turns into a warning.
	unknownFilter bool
}

func (v *evtVisitor) expr(e Expr, neg bool) EventSet {
	switch e := e.(type) {
	case *And:
		return v.chain(e.Children, neg, !neg)
	case *Or:
		return v.chain(e.Children, neg, neg)
	case *Not:
		return v.expr(e.Child, !neg)
	case *Macro:
		return v.macro(e, neg)
	case *Check:
		return v.check(e, neg)
	}
	// An identifier left unresolved (only after an error): neutral.
	return allEvents
}

// macro visits a macro's body once for every rule when the body is the
// macro's, once per goroutine otherwise.
func (v *evtVisitor) macro(e *Macro, neg bool) EventSet {
	var m *evtMemo
	k := memoKey{e.Body, neg}
	if e.shared != nil {
		m = e.shared.events[index(neg)].Load()
	} else {
		m = v.memo[k]
	}
	if m == nil {
		outer, outerErr := v.text, v.err
		v.text, v.err = e.Text, nil
		m = &evtMemo{set: v.expr(e.Body, neg), err: v.err}
		v.text, v.err = outer, outerErr
		if e.shared != nil {
			e.shared.events[index(neg)].Store(m)
		} else {
			if v.memo == nil {
				v.memo = map[memoKey]*evtMemo{}
			}
			v.memo[k] = m
		}
	}
	if v.err == nil {
		v.err = m.err
	}
	return m.set
}

// chain is a conjunction (intersect) or a disjunction of the children.
func (v *evtVisitor) chain(children []Expr, neg, intersect bool) EventSet {
	var s EventSet
	if intersect {
		s = allEvents
	}
	for _, c := range children {
		cs := v.expr(c, neg)
		if intersect {
			s = s.intersect(cs)
		} else {
			s = s.union(cs)
		}
	}
	return s
}

// check is a leaf.
func (v *evtVisitor) check(c *Check, neg bool) EventSet {
	if mentionsEvtType(c.Left) && !isField(c.Left, "evt.type") && !isField(c.Left, "syscall.type") {
		v.fail(c, "event code search does not support transformers on evt.type")
		return allEvents
	}
	f, _ := c.Left.(*Field)
	if f == nil || f.HasArg {
		return allEvents
	}
	switch f.Name {
	case "evt.type", "syscall.type":
		return v.typeCheck(c, neg)
	case "evt.num":
		return v.numInvariant(c, neg)
	}
	return allEvents
}

// typeCheck is `evt.type op V`: =, == and in give names(V), != its
// complement; exists gives U; other operators are neutral.
func (v *evtVisitor) typeCheck(c *Check, neg bool) EventSet {
	if c.Op == "exists" {
		return maybeComplement(allEvents, neg)
	}
	if c.Mod != "" || (c.Op != "=" && c.Op != "==" && c.Op != "!=" && c.Op != "in") {
		return allEvents
	}
	var names []string
	switch r := c.Right.(type) {
	case *Value:
		names = []string{r.Text}
	case *List:
		names = r.Items
	default:
		v.fail(c, "event code search does not support comparing evt.type with a field")
		return allEvents
	}
	s := maybeComplement(namesToEvents(names), neg)
	if c.Op == "!=" {
		s = s.complement()
	}
	return s
}

// numInvariant is ppm_codes.cpp:evaluate_field_invariant (libs HEAD, not
// in Falco 0.44): evt.num is never 0, so a check that can never hold
// gives the empty set and one that always holds gives U, both
// complemented under negation; any other is neutral.
func (v *evtVisitor) numInvariant(c *Check, neg bool) EventSet {
	never, always := false, false
	switch r := c.Right.(type) {
	case *Value:
		n, ok := parseInt(r.Text)
		if !ok || c.Mod != "" {
			return allEvents
		}
		switch c.Op {
		case "=", "==":
			never = n == 0
		case "<":
			never = n == 0 || n == 1
		case "<=":
			never = n == 0
		case "!=", ">":
			always = n == 0
		case ">=":
			always = n == 0 || n == 1
		}
	case *List:
		if c.Op == "in" {
			never = true
			for _, it := range r.Items {
				if n, ok := parseInt(it); !ok || n != 0 {
					never = false
				}
			}
		}
	}
	switch {
	case never:
		return maybeComplement(EventSet{}, neg)
	case always:
		return maybeComplement(allEvents, neg)
	}
	return allEvents
}

func maybeComplement(s EventSet, neg bool) EventSet {
	if neg {
		return s.complement()
	}
	return s
}

func (v *evtVisitor) fail(c *Check, msg string) {
	if v.err == nil {
		v.err = &typeError{msg: msg, text: v.text, at: c.At}
	}
}

// parseInt reads a decimal or 0x hexadecimal integer.
func parseInt(s string) (int64, bool) {
	s = strings.TrimPrefix(s, "+")
	n, err := strconv.ParseInt(s, 0, 64)
	if err != nil || strings.HasPrefix(s, "0") && len(s) > 1 && s[1] != 'x' && s[1] != 'X' {
		// ParseInt would read a leading 0 as octal; the number lexer
		// takes decimals.
		n, err = strconv.ParseInt(s, 10, 64)
	}
	return n, err == nil
}

func isField(o Operand, name string) bool {
	f, ok := o.(*Field)
	return ok && f.Name == name
}

// mentionsEvtType reports whether evt.type is inside operand o.
func mentionsEvtType(o Operand) bool {
	switch o := o.(type) {
	case *Field:
		return o.Name == "evt.type" || o.Name == "syscall.type"
	case *Transform:
		for _, a := range o.Args {
			if mentionsEvtType(a) {
				return true
			}
		}
	case *ArgList:
		for _, a := range o.Items {
			if mentionsEvtType(a) {
				return true
			}
		}
	}
	return false
}
