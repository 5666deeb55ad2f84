package condition

// The syntax tree of a condition, as libsinsp's parser builds it
// (userspace/libsinsp/filter/ast.h; falco-conditions spec §2). Every node
// records At, the byte offset where it starts in the text it was parsed
// from; Text.Pos turns that into a file position. Parentheses add no node
// and chains of `and` or `or` are one n-ary node, as in libsinsp.

// Expr is a boolean node: And, Or, Not, Check, Ident or Macro.
type Expr interface {
	Pos() int
	expr()
}

// Operand is a side of a Check: Field, Transform, Value, List or ArgList.
type Operand interface {
	Pos() int
	operand()
}

// And is `a and b and ...`.
type And struct {
	Children []Expr
	At       int
}

// Or is `a or b or ...`.
type Or struct {
	Children []Expr
	At       int
}

// Not is `not x`; paired nots cancel while parsing, as in parse_not.
type Not struct {
	Child Expr
	At    int
}

// Ident is a bare identifier in a boolean position: a macro reference
// until macros are resolved.
type Ident struct {
	Name string
	At   int
}

// Macro is a macro reference after resolution: Body is the macro's
// resolved condition, whose positions are offsets into Text, the
// macro's own text. Falco splices a deep copy of the macro's tree in its
// place (filter_macro_resolver.cpp); sharing Body instead is the same
// tree, since nothing changes it afterwards.
type Macro struct {
	Name string
	At   int
	Body Expr
	Text *Text
	// shared is the macro whose resolved body Body is, nil when the
	// reference has a body of its own: what visiting a shared body gives
	// is kept on the macro for every rule that uses it.
	shared *macro
}

// Check is a comparison: `Left Op [Mod] Right`, or `Left exists` with a
// nil Right. Op is as written, trimmed ("==" stays "=="); Mod is "oneof",
// "anyof" or "allof" for a list-modified string operator, else "".
type Check struct {
	Left  Operand
	Op    string
	Mod   string
	Right Operand
	At    int
}

// Field is a field, with its argument when it has one: proc.aname[2].
type Field struct {
	Name   string
	Arg    string
	HasArg bool
	At     int
}

// Transform is a field transformer, tolower(proc.name), or val(field) on
// the right of a comparison (Name "val"). A field argument after the
// closing parenthesis, join(...)[x], is kept in Arg.
type Transform struct {
	Name   string
	Args   []Operand
	Arg    string
	HasArg bool
	At     int
}

// Value is a literal: a number, a quoted or bare string, or an
// identifier on the right of a list operator. Text is unescaped.
type Value struct {
	Text   string
	Quoted bool
	At     int
}

// List is a parenthesised list of strings on the right of a comparison.
type List struct {
	Items []string
	At    int
}

// ArgList is a parenthesised list among a transformer's arguments:
// join(",", (a.b, c.d)).
type ArgList struct {
	Items []Operand
	At    int
}

// Pos returns the byte offset where the node starts.
func (e *And) Pos() int { return e.At }

// Pos returns the byte offset where the node starts.
func (e *Or) Pos() int { return e.At }

// Pos returns the byte offset where the node starts.
func (e *Not) Pos() int { return e.At }

// Pos returns the byte offset where the node starts.
func (e *Ident) Pos() int { return e.At }

// Pos returns the byte offset where the reference starts.
func (e *Macro) Pos() int { return e.At }

// Pos returns the byte offset where the node starts.
func (e *Check) Pos() int { return e.At }

// Pos returns the byte offset where the node starts.
func (e *Field) Pos() int { return e.At }

// Pos returns the byte offset where the node starts.
func (e *Transform) Pos() int { return e.At }

// Pos returns the byte offset where the node starts.
func (e *Value) Pos() int { return e.At }

// Pos returns the byte offset where the node starts.
func (e *List) Pos() int { return e.At }

// Pos returns the byte offset where the node starts.
func (e *ArgList) Pos() int { return e.At }

func (*And) expr()   {}
func (*Or) expr()    {}
func (*Not) expr()   {}
func (*Ident) expr() {}
func (*Macro) expr() {}
func (*Check) expr() {}

func (*Field) operand()     {}
func (*Transform) operand() {}
func (*Value) operand()     {}
func (*List) operand()      {}
func (*ArgList) operand()   {}
