package condition

import "fmt"

// validate finds what libsinsp's filter compiler rejects in a parsed and
// resolved condition (filter.cpp, sinsp_filter_compiler::visit; spec §2,
// errors raised after parsing), as far as it can be told without
// libsinsp's field tables: which fields exist is not checked. syscall
// says whether evt.type values are checked against the event table.
// seen has what checking each macro body that is not its macro's own
// found, its first error or nil; it may be shared by the rules of a
// goroutine, or be nil.
func validate(e Expr, t *Text, syscall bool, seen map[validKey]*typeError) *typeError {
	v := &validator{text: t, syscall: syscall, seen: seen}
	v.expr(e)
	return v.err
}

type validator struct {
	text    *Text
	syscall bool
	err     *typeError
	// seen has the macro bodies checked already (macro.valid has the
	// macros' own): what is found there depends only on the body and on
	// syscall.
	seen map[validKey]*typeError
}

// validKey is a macro body checked for a syscall rule or not.
type validKey struct {
	body    Expr
	syscall bool
}

func (v *validator) expr(e Expr) {
	if v.err != nil {
		return
	}
	switch e := e.(type) {
	case *And:
		for _, c := range e.Children {
			v.expr(c)
		}
	case *Or:
		for _, c := range e.Children {
			v.expr(c)
		}
	case *Not:
		v.expr(e.Child)
	case *Macro:
		v.macro(e)
	case *Ident:
		v.fail(e.At, "unexpected identifier '%s'", e.Name)
	case *Check:
		v.check(e)
	}
}

// validMemo is what validating a macro body finds: its first error.
type validMemo struct{ err *typeError }

// macro validates a macro's body once for every rule of the kind when
// the body is the macro's, once per goroutine otherwise. v.err is nil
// here: the body's first error is the rule's.
func (v *validator) macro(e *Macro) {
	k := validKey{e.Body, v.syscall}
	if e.shared != nil {
		if m := e.shared.valid[index(v.syscall)].Load(); m != nil {
			v.err = m.err
			return
		}
	} else if err, ok := v.seen[k]; ok {
		v.err = err
		return
	}
	outer := v.text
	v.text = e.Text
	v.expr(e.Body)
	v.text = outer
	if e.shared != nil {
		e.shared.valid[index(v.syscall)].Store(&validMemo{v.err})
		return
	}
	if v.seen == nil {
		v.seen = map[validKey]*typeError{}
	}
	v.seen[k] = v.err
}

func (v *validator) fail(at int, format string, args ...any) {
	if v.err == nil {
		v.err = &typeError{msg: fmt.Sprintf(format, args...), text: v.text, at: at}
	}
}

func (v *validator) check(c *Check) {
	v.operand(c.Left)
	v.operand(c.Right)
	if v.err != nil {
		return
	}
	switch c.Op {
	case "bcontains", "bstartswith":
		for _, s := range values(c.Right) {
			if !isHexString(s) {
				v.fail(c.At, "%s requires a string of hexadecimal digits, not %q", c.Op, s)
				return
			}
		}
	}
	if v.syscall && isField(c.Left, "evt.type") && !c.Left.(*Field).HasArg {
		switch c.Op {
		case "=", "==", "!=", "in":
			for _, s := range values(c.Right) {
				if !knownEventType(s) {
					v.fail(c.At, "unknown event type %s", s)
					v.err.unknownFilter = true
					return
				}
			}
		}
	}
}

// operand checks transformers: an argument after val() or a
// single-argument transformer is rejected, and those take one argument.
func (v *validator) operand(o Operand) {
	switch o := o.(type) {
	case *Transform:
		single := o.Name != "join" && o.Name != "concat" && o.Name != "getopt"
		if single && o.HasArg {
			v.fail(o.At, "transformer '%s' does not accept a field argument", o.Name)
			return
		}
		if single && len(o.Args) != 1 {
			v.fail(o.At, "transformer '%s' takes one argument, got %d", o.Name, len(o.Args))
			return
		}
		for _, a := range o.Args {
			v.operand(a)
		}
	case *ArgList:
		for _, a := range o.Items {
			v.operand(a)
		}
	}
}

// values returns the literal strings on the right of a check.
func values(o Operand) []string {
	switch o := o.(type) {
	case *Value:
		return []string{o.Text}
	case *List:
		return o.Items
	}
	return nil
}

func isHexString(s string) bool {
	if len(s)%2 != 0 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isHex(s[i]) {
			return false
		}
	}
	return true
}
