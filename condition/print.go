package condition

import (
	"strconv"
	"strings"
)

// String prints e in a canonical form that parses back to the same tree:
// single spaces, parentheses only where precedence needs them, strings
// quoted when a bare string would not do. A resolved macro prints as its
// name; Expand prints its body instead.
func String(e Expr) string {
	var b strings.Builder
	(&printer{b: &b}).expr(e, 0)
	return b.String()
}

// Expand prints e like String, with each resolved macro replaced by its
// body in parentheses: the condition as Falco evaluates it. Macros that
// use others several times can make that text exponentially long, so it
// stops after ExpandLimit bytes with "…".
func Expand(e Expr) string {
	var b strings.Builder
	(&printer{b: &b, expand: true}).expr(e, 0)
	return b.String()
}

// ExpandLimit is the length after which Expand stops.
const ExpandLimit = 1 << 20

type printer struct {
	b      *strings.Builder
	expand bool
	cut    bool
}

// Precedence levels: an operand of `and` that is an `or` needs
// parentheses, as does an operand of `not` that is either.
const (
	precOr = iota
	precAnd
	precNot
)

func (p *printer) expr(e Expr, prec int) {
	if p.expand && p.b.Len() > ExpandLimit {
		if !p.cut {
			p.b.WriteString("…")
			p.cut = true
		}
		return
	}
	switch e := e.(type) {
	case *Or:
		p.chain(e.Children, " or ", precOr, prec)
	case *And:
		p.chain(e.Children, " and ", precAnd, prec)
	case *Not:
		p.b.WriteString("not ")
		if _, ok := e.Child.(*Not); ok {
			// "not not a" would cancel; not(not a) keeps both.
			p.b.WriteByte('(')
			p.expr(e.Child, precOr)
			p.b.WriteByte(')')
			return
		}
		p.expr(e.Child, precNot)
	case *Ident:
		p.name(e.Name)
	case *Macro:
		if !p.expand {
			p.name(e.Name)
			return
		}
		// Expansions act as if parenthesised (spec §3).
		p.b.WriteByte('(')
		p.expr(e.Body, precOr)
		p.b.WriteByte(')')
	case *Check:
		p.operand(e.Left)
		p.b.WriteByte(' ')
		p.b.WriteString(e.Op)
		if e.Mod != "" {
			p.b.WriteByte(' ')
			p.b.WriteString(e.Mod)
		}
		if e.Right != nil {
			p.b.WriteByte(' ')
			p.operand(e.Right)
		}
	}
}

func (p *printer) chain(kids []Expr, sep string, own, prec int) {
	paren := prec > own
	if paren {
		p.b.WriteByte('(')
	}
	for i, c := range kids {
		if i > 0 {
			p.b.WriteString(sep)
		}
		p.expr(c, own+1)
	}
	if paren {
		p.b.WriteByte(')')
	}
}

func (p *printer) operand(o Operand) {
	switch o := o.(type) {
	case *Field:
		p.b.WriteString(o.Name)
		p.arg(o.HasArg, o.Arg)
	case *Transform:
		p.b.WriteString(o.Name)
		p.b.WriteByte('(')
		for i, a := range o.Args {
			if i > 0 {
				p.b.WriteString(", ")
			}
			p.operand(a)
		}
		p.b.WriteByte(')')
		p.arg(o.HasArg, o.Arg)
	case *Value:
		p.str(o.Text, o.Quoted)
	case *List:
		p.b.WriteByte('(')
		for i, s := range o.Items {
			if i > 0 {
				p.b.WriteString(", ")
			}
			p.str(s, false)
		}
		p.b.WriteByte(')')
	case *ArgList:
		p.b.WriteByte('(')
		for i, a := range o.Items {
			if i > 0 {
				p.b.WriteString(", ")
			}
			p.operand(a)
		}
		p.b.WriteByte(')')
	}
}

func (p *printer) arg(has bool, arg string) {
	if !has {
		return
	}
	p.b.WriteByte('[')
	if arg == "" || strings.ContainsAny(arg, "[]\"' \t\n\v\f\r") {
		p.b.WriteString(quote(arg))
	} else {
		p.b.WriteString(arg)
	}
	p.b.WriteByte(']')
}

// str writes a string value bare when it lexes back as the same bare
// string, else quoted.
func (p *printer) str(s string, quoted bool) {
	if !quoted && s != "" && !strings.ContainsAny(s, "()\"' \t\n\v\f\r\b=,") {
		p.b.WriteString(s)
		return
	}
	p.b.WriteString(quote(s))
}

// quote writes s as a double-quoted string with the escapes libsinsp
// reads back (escaping.cpp).
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			// A backslash just before the closing quote would keep the
			// string open (lex_quoted_str looks at the previous byte).
			if i == len(s)-1 {
				b.WriteString(`\x5c`)
			} else {
				b.WriteString(`\\`)
			}
		case '"':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if c < 0x20 || c == 0x7f {
				b.WriteString(`\x`)
				h := strconv.FormatUint(uint64(c), 16)
				if len(h) == 1 {
					b.WriteByte('0')
				}
				b.WriteString(h)
				continue
			}
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// name writes an identifier. One named "not" can only have been written
// next to a non-space blank ("not\band x", a fuzzing find); printed bare
// before " and" it would read as the keyword, so it gets parentheses.
func (p *printer) name(n string) {
	if n == "not" {
		p.b.WriteString("(not)")
		return
	}
	p.b.WriteString(n)
}
