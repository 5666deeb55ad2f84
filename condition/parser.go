package condition

import (
	"fmt"
	"strings"
)

// MaxDepth is the parser's recursion limit as Falco sets it
// (rule_loader_compiler.cpp parse_condition: set_max_depth(1000)). Every
// parse function counts, as libsinsp's depth_guard does, so about 198
// nested parentheses fit (spec §2).
const MaxDepth = 1000

// SyntaxError is a condition libsinsp's parser rejects: its message, as
// libsinsp words it, and the byte offset of the text where the parser
// stood when it gave up (Falco reports the same place).
type SyntaxError struct {
	Msg    string
	Offset int
}

func (e *SyntaxError) Error() string { return e.Msg }

// Parse parses a condition the way libsinsp's parser does, with Falco's
// depth limit. The text is taken as is: list names are not substituted
// and macros not resolved (see Analyze for both). It never panics; a
// condition libsinsp rejects returns a *SyntaxError.
func Parse(text string) (Expr, error) { return parse(text, &onHeap) }

// parse is Parse with the nodes from an arena.
func parse(text string, nodes *arena) (Expr, error) {
	p := &parser{s: text, nodes: nodes}
	e, err := p.parse()
	if err != nil {
		return nil, err
	}
	return e, nil
}

// parser is the state of one parse: the text, the cursor, the last token
// (quoted by error messages) and the recursion depth.
type parser struct {
	s     string
	i     int
	last  string
	depth int
	nodes *arena
}

func (p *parser) errorf(format string, args ...any) *SyntaxError {
	return &SyntaxError{Msg: fmt.Sprintf(format, args...), Offset: p.i}
}

// enter is depth_guard's constructor. When it fails the count stays
// raised, as in C++, where a throwing constructor runs no destructor.
func (p *parser) enter() error {
	p.depth++
	if p.depth >= MaxDepth {
		return p.errorf("exceeded max depth limit of %d", MaxDepth)
	}
	return nil
}

func (p *parser) leave() { p.depth-- }

func (p *parser) parse() (Expr, error) {
	if len(p.s) == 0 {
		return nil, p.errorf("filter input string is empty")
	}
	e, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	if p.depth > 0 {
		return nil, p.errorf("parser fatal error: recursion is unbalanced")
	}
	if p.i != len(p.s) {
		return nil, p.errorf("unexpected token after '%s', expecting 'or', 'and'", p.last)
	}
	return e, nil
}

// parseOr is Expr := And { "or" (Blank+ And | "(" Expr ")") }.
func (p *parser) parseOr() (Expr, error) {
	return p.parseChain("or", p.parseAnd)
}

// parseAnd is And := Not { "and" (Blank+ Not | "(" Expr ")") }.
func (p *parser) parseAnd() (Expr, error) {
	return p.parseChain("and", p.parseNot)
}

// parseChain parses an n-ary chain of kw, `or` or `and`: the keyword
// needs a blank or "(" after it, and "(" takes only the group, so that
// `a or(b) and c` is rejected (spec §2).
func (p *parser) parseChain(kw string, next func() (Expr, error)) (Expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	p.lexBlank()
	at := p.i
	first, err := next()
	if err != nil {
		return nil, err
	}
	// The children gather on the stack and are copied once, at their
	// final size.
	var buf [8]Expr
	children := buf[:0]
	p.lexBlank()
	for p.lexStr(kw) {
		var child Expr
		if p.lexBlank() {
			child, err = next()
		} else if p.lexStr("(") {
			child, err = p.parseEmbeddedRemainder()
		} else {
			return nil, p.errorf("expected blank or '(' after '%s'", kw)
		}
		if err != nil {
			return nil, err
		}
		if len(children) == 0 {
			children = append(children, first)
		}
		children = append(children, child)
		p.lexBlank()
	}
	switch {
	case len(children) == 0:
		return first, nil
	case kw == "or":
		return p.nodes.ors.new(Or{Children: p.nodes.exprs.clone(children), At: at}), nil
	}
	return p.nodes.ands.new(And{Children: p.nodes.exprs.clone(children), At: at}), nil
}

// parseNot is Not := { "not" Blank+ } ( "not(" Expr ")" | Check ); paired
// nots cancel.
func (p *parser) parseNot() (Expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	p.lexBlank()
	at := p.i
	neg := false
	for p.lexNotBlank() {
		neg = !neg
	}
	var child Expr
	var err error
	if p.lexStr("not(") {
		neg = !neg
		child, err = p.parseEmbeddedRemainder()
	} else {
		child, err = p.parseCheck()
	}
	if err != nil {
		return nil, err
	}
	if neg {
		return p.nodes.nots.new(Not{Child: child, At: at}), nil
	}
	return child, nil
}

// parseEmbeddedRemainder parses `Expr ")"` after a "(".
func (p *parser) parseEmbeddedRemainder() (Expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	p.lexBlank()
	e, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	p.lexBlank()
	if !p.lexStr(")") {
		return nil, p.errorf("expected a ')' token")
	}
	return e, nil
}

// parseCheck is Check := "(" Expr ")" | Lhs Cond | Identifier, tried in
// that order.
func (p *parser) parseCheck() (Expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	p.lexBlank()
	at := p.i
	if p.lexStr("(") {
		return p.parseEmbeddedRemainder()
	}
	if p.lexFieldName() {
		left, err := p.parseFieldRemainder(p.last, at)
		if err != nil {
			return nil, err
		}
		return p.parseCondition(left, at)
	}
	if name, ok := p.lexTransformerType(); ok {
		p.lexBlank()
		left, err := p.parseTransformerRemainder(name, at)
		if err != nil {
			return nil, err
		}
		return p.parseCondition(left, at)
	}
	if p.lexIdentifier() {
		return p.nodes.idents.new(Ident{Name: p.last, At: at}), nil
	}
	return nil, p.errorf("expected a '(' token, a field check, or an identifier")
}

// parseFieldRemainder reads a field's optional [argument] right after
// its name: a quoted string or a bare one, with no blanks.
func (p *parser) parseFieldRemainder(name string, at int) (*Field, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	f := p.nodes.fields.new(Field{Name: name, At: at})
	if p.lexStr("[") {
		arg, err := p.parseFieldArg()
		if err != nil {
			return nil, err
		}
		f.Arg, f.HasArg = arg, true
	}
	return f, nil
}

// parseFieldArg reads `arg]` after a "[".
func (p *parser) parseFieldArg() (string, error) {
	ok, err := p.lexQuotedStr()
	if err != nil {
		return "", err
	}
	if !ok && !p.lexFieldArgBareStr() {
		return "", p.errorf("expected a valid field argument: a quoted string or a bare string")
	}
	arg := p.last
	if !p.lexStr("]") {
		return "", p.errorf("expected a ']' token")
	}
	return arg, nil
}

// transformers are the field transformers, each with the "(" that must
// touch its name (spec §2; join and concat need libs 0.24, getopt 0.25).
var transformers = []string{"tolower(", "toupper(", "b64(", "basename(", "len(", "join(", "concat(", "getopt("}

// transformerList is how error messages list them, val first.
const transformerList = "'val', 'tolower', 'toupper', 'b64', 'basename', 'len', 'join', 'concat', 'getopt'"

// lexTransformerType lexes a transformer name and its "(", returning the
// name.
func (p *parser) lexTransformerType() (string, bool) {
	for _, t := range transformers {
		if p.lexStr(t) {
			p.last = t[:len(t)-1] // m_last_token.pop_back()
			return p.last, true
		}
	}
	return "", false
}

// parseTransformerRemainder reads `XArg {"," XArg} ")" [FieldArg]` after
// a transformer's "(".
func (p *parser) parseTransformerRemainder(name string, at int) (*Transform, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	p.lexBlank()
	t := &Transform{Name: name, At: at}
	for {
		arg, err := p.parseTransformerArg()
		if err != nil {
			return nil, err
		}
		t.Args = append(t.Args, arg)
		p.lexBlank()
		if !p.lexStr(",") {
			break
		}
	}
	p.lexBlank()
	if !p.lexStr(")") {
		return nil, p.errorf("expected a ')' token closing the transformer")
	}
	if err := p.transformerArg(t); err != nil {
		return nil, err
	}
	return t, nil
}

// transformerArg reads the optional [argument] after a transformer's
// closing parenthesis; the compiler rejects it on single-argument
// transformers and val() (spec §2, errors after parsing).
func (p *parser) transformerArg(t *Transform) error {
	if !p.lexStr("[") {
		return nil
	}
	arg, err := p.parseFieldArg()
	if err != nil {
		return err
	}
	t.Arg, t.HasArg = arg, true
	return nil
}

// parseTransformerArg is XArg: a number, a quoted string, a "(" list, a
// transformer or a field, tried in that order.
func (p *parser) parseTransformerArg() (Operand, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	p.lexBlank()
	at := p.i
	if p.lexHexNum() || p.lexNum() {
		return p.nodes.values.new(Value{Text: p.last, At: at}), nil
	}
	if ok, err := p.lexQuotedStr(); err != nil {
		return nil, err
	} else if ok {
		return p.nodes.values.new(Value{Text: p.last, Quoted: true, At: at}), nil
	}
	if p.lexStr("(") {
		return p.parseArgList(at)
	}
	if name, ok := p.lexTransformerType(); ok {
		return p.parseTransformerRemainder(name, at)
	}
	if p.lexFieldName() {
		return p.parseFieldRemainder(p.last, at)
	}
	return nil, p.errorf("expected field transformer argument: field, transformer, quoted string, number, or transformer list")
}

// parseArgList reads `[LArg {"," LArg}] ")"` after a "(" among a
// transformer's arguments. libsinsp does not count these calls towards
// the depth limit.
func (p *parser) parseArgList(at int) (*ArgList, error) {
	l := &ArgList{At: at}
	p.lexBlank()
	if p.lexStr(")") {
		return l, nil
	}
	for {
		arg, err := p.parseArgListItem()
		if err != nil {
			return nil, err
		}
		l.Items = append(l.Items, arg)
		p.lexBlank()
		if !p.lexStr(",") {
			break
		}
		p.lexBlank()
	}
	if !p.lexStr(")") {
		return nil, p.errorf("expected ')'")
	}
	return l, nil
}

// parseArgListItem is LArg: a field, a transformer, a quoted string or a
// number.
func (p *parser) parseArgListItem() (Operand, error) {
	at := p.i
	if p.lexFieldName() {
		return p.parseFieldRemainder(p.last, at)
	}
	if name, ok := p.lexTransformerType(); ok {
		p.lexBlank()
		return p.parseTransformerRemainder(name, at)
	}
	if ok, err := p.lexQuotedStr(); err != nil {
		return nil, err
	} else if ok {
		return p.nodes.values.new(Value{Text: p.last, Quoted: true, At: at}), nil
	}
	if p.lexHexNum() || p.lexNum() {
		return p.nodes.values.new(Value{Text: p.last, At: at}), nil
	}
	return nil, p.errorf("expected transformer list argument: field, transformer, quoted string, or number")
}

// The operators, in the order libsinsp tries them. A trailing space
// means a blank must follow (lex_helper_operator_list).
var (
	unaryOps   = []string{"exists"}
	numOps     = []string{"<=", "<", ">=", ">"}
	strOps     = []string{"==", "=", "!=", "glob ", "iglob ", "contains ", "icontains ", "bcontains ", "startswith ", "bstartswith ", "endswith ", "regex "}
	listOps    = []string{"intersects", "in", "pmatch"}
	modifiers  = []string{"oneof", "anyof", "allof"}
	opListText = "'exists', '<=', '<', '>=', '>', '==', '=', '!=', 'glob', 'iglob', 'contains', 'icontains', 'bcontains', 'startswith', 'bstartswith', 'endswith', 'regex', 'intersects', 'in', 'pmatch'"
)

// lexOperator is lex_helper_operator_list. An operator that needs a
// blank returns whether one follows, having moved past the word either
// way, as the C++ code does.
func (p *parser) lexOperator(ops []string) (string, bool) {
	for _, op := range ops {
		word := strings.TrimSuffix(op, " ")
		if word == op {
			if p.lexStr(op) {
				return op, true
			}
			continue
		}
		if p.lexStr(word) {
			return word, p.lexBlank()
		}
	}
	return "", false
}

// parseCondition is Cond, after the left side of a check.
func (p *parser) parseCondition(left Operand, at int) (Expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	p.lexBlank()
	if op, ok := p.lexOperator(unaryOps); ok {
		return p.nodes.checks.new(Check{Left: left, Op: op, At: at}), nil
	}
	p.lexBlank()
	c := p.nodes.checks.new(Check{Left: left, At: at})
	var err error
	if op, ok := p.lexOperator(numOps); ok {
		c.Op = op
		c.Right, err = p.parseNumValueOrTransformer()
	} else if op, ok := p.lexOperator(strOps); ok {
		c.Op = op
		var done bool
		if c.Mod, c.Right, done, err = p.parseModifier(op); !done && err == nil {
			c.Right, err = p.parseStrValueOrTransformer()
		}
	} else if op, ok := p.lexOperator(listOps); ok {
		c.Op = op
		c.Right, err = p.parseListValueOrTransformer()
	} else {
		return nil, p.errorf("expected a valid check operator: one of %s", opListText)
	}
	if err != nil {
		return nil, err
	}
	return c, nil
}

// parseModifier reads `oneof|anyof|allof (List | Identifier)` after a
// string operator (libs 0.25, spec §2): the operator, a blank, the word,
// a blank, then "(" or an identifier other than and, or and not.
// Otherwise the word is an ordinary value and nothing is consumed.
func (p *parser) parseModifier(op string) (mod string, right Operand, done bool, err error) {
	save, saveLast := p.i, p.last
	blank := op != "==" && op != "=" && op != "!=" // word operators took theirs
	if p.lexBlank() {
		blank = true
	}
	if blank {
		for _, m := range modifiers {
			if !p.lexStr(m) {
				continue
			}
			if p.lexBlank() && p.i < len(p.s) {
				if p.s[p.i] == '(' {
					right, err = p.parseListValueOrTransformer()
					return m, right, true, err
				}
				if n := identLen(p.s, p.i); n > 0 {
					if w := p.s[p.i : p.i+n]; w != "and" && w != "or" && w != "not" {
						at := p.i
						p.take(n)
						return m, p.nodes.values.new(Value{Text: w, At: at}), true, nil
					}
				}
			}
			break
		}
	}
	p.i, p.last = save, saveLast
	return "", nil, false, nil
}

// parseNumValueOrTransformer is the right side of a numeric operator.
func (p *parser) parseNumValueOrTransformer() (Operand, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	p.lexBlank()
	at := p.i
	if t, err := p.tryParseTransformerOrVal(); err != nil || t != nil {
		return t, err
	}
	if p.lexHexNum() || p.lexNum() {
		return p.nodes.values.new(Value{Text: p.last, At: at}), nil
	}
	return nil, p.errorf("expected a number value or a field with a valid transformer: %s", transformerList)
}

// parseStrValueOrTransformer is the right side of a string operator.
func (p *parser) parseStrValueOrTransformer() (Operand, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	p.lexBlank()
	at := p.i
	if t, err := p.tryParseTransformerOrVal(); err != nil || t != nil {
		return t, err
	}
	ok, err := p.lexQuotedStr()
	if err != nil {
		return nil, err
	}
	if ok {
		return p.nodes.values.new(Value{Text: p.last, Quoted: true, At: at}), nil
	}
	if p.lexBareStr() {
		return p.nodes.values.new(Value{Text: p.last, At: at}), nil
	}
	return nil, p.errorf("expected a string value or a field with a valid transformer: %s", transformerList)
}

// parseListItem is a list element, a quoted or a bare string (no
// transformer), giving only its text: a list keeps no Value per element.
func (p *parser) parseListItem() (string, error) {
	if err := p.enter(); err != nil {
		return "", err
	}
	defer p.leave()
	p.lexBlank()
	ok, err := p.lexQuotedStr()
	if err != nil {
		return "", err
	}
	if ok || p.lexBareStr() {
		return p.last, nil
	}
	return "", p.errorf("expected a string value")
}

// parseListValueOrTransformer is the right side of a list operator: a
// "(" list of strings, a transformer or val(), or an identifier.
func (p *parser) parseListValueOrTransformer() (Operand, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	p.lexBlank()
	at := p.i
	if p.lexStr("(") {
		l := p.nodes.lists.new(List{At: at})
		p.lexBlank()
		// The items gather on the stack and are copied once.
		var buf [16]string
		items := buf[:0]
		// libsinsp tries a first element and takes any failure to mean
		// an empty list, even an escape error after which the cursor
		// stays past the string: ("\q") is the empty list.
		if head, err := p.parseListItem(); err == nil {
			items = append(items, head)
			p.lexBlank()
			for p.lexStr(",") {
				v, err := p.parseListItem()
				if err != nil {
					return nil, err
				}
				items = append(items, v)
				p.lexBlank()
			}
		}
		if !p.lexStr(")") {
			return nil, p.errorf("expected a ')' token")
		}
		l.Items = p.nodes.strs.clone(items)
		return l, nil
	}
	if t, err := p.tryParseTransformerOrVal(); err != nil || t != nil {
		return t, err
	}
	if p.lexIdentifier() {
		return p.nodes.values.new(Value{Text: p.last, At: at}), nil
	}
	return nil, p.errorf("expected a list, an identifier, or a field with a valid transformer: %s", transformerList)
}

// tryParseTransformerOrVal reads `val(Field)` or a transformer; nil, nil
// when neither is at the cursor.
func (p *parser) tryParseTransformerOrVal() (Operand, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	p.lexBlank()
	at := p.i
	if p.lexStr("val(") {
		p.last = "val"
		p.lexBlank()
		fieldAt := p.i
		if !p.lexFieldName() {
			return nil, p.errorf("expected a field within 'val' transformer")
		}
		f, err := p.parseFieldRemainder(p.last, fieldAt)
		if err != nil {
			return nil, err
		}
		p.lexBlank()
		if !p.lexStr(")") {
			return nil, p.errorf("expected a ')' token closing the transformer")
		}
		t := &Transform{Name: "val", Args: []Operand{f}, At: at}
		if err := p.transformerArg(t); err != nil {
			return nil, err
		}
		return t, nil
	}
	if name, ok := p.lexTransformerType(); ok {
		p.lexBlank()
		return p.parseTransformerRemainder(name, at)
	}
	return nil, nil
}
