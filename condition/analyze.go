package condition

import (
	"fmt"
	"runtime"

	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/internal/par"
	"github.com/falcomitre/falcomitre/rules"
)

// Result is what Analyze finds in a rule set.
type Result struct {
	// Rules follow set.Rules, Falco's compile order: one per rule.
	Rules []*RuleResult
	// Macros follow set.MacroInfos, the order Falco resolves them in.
	Macros []*MacroResult
	// Errors are the conditions Falco would reject, each at its
	// file:line:col, in the order Falco's compiler meets them: macros
	// that do not parse, macros whose references fail, then rules.
	// Falco reports only the first and loads nothing; Analyze reports
	// each, so that one bad macro does not hide the others.
	Errors []*diag.InputError
	// Warnings are Falco's compile warnings: LOAD_NO_EVTTYPE for a
	// syscall rule that matches more than TooManyEvents event codes, and
	// LOAD_UNKNOWN_FILTER for a rule skipped for an unknown event type.
	Warnings []*diag.InputError
	byName   map[string]*RuleResult
}

// RuleResult is one rule's condition, analysed.
type RuleResult struct {
	Observation
	Rule *rules.Rule
	// Text is the condition as Falco parses it: the definition's text
	// with its appends, lists substituted.
	Text *Text
	// Expr is the parsed condition with its macros resolved; nil when
	// Falco would reject it.
	Expr Expr
	// Events are the event codes of Falco's index for the rule, before
	// it adds asyncevent to every rule: for a syscall rule what the
	// condition narrows them to, for a plugin source {pluginevent,
	// asyncevent}, every event of the source.
	Events EventSet
	// Err is why Falco would reject the condition, nil when it would not.
	Err *diag.InputError
	// Skipped is set when Falco drops the rule with a warning instead:
	// an unknown event type in a rule with skip-if-unknown-filter.
	Skipped bool
	// Warnings are the rule's compile warnings (Result.Warnings).
	Warnings []*diag.InputError
}

// MacroResult is one macro's condition, analysed.
type MacroResult struct {
	Name string
	Info *rules.Named
	// Text is the condition as Falco parses it (appends joined, lists
	// substituted); Expr the parsed condition with its references
	// resolved, nil when it does not parse.
	Text *Text
	Expr Expr
	// Err is why Falco would reject the macro, nil when it would not.
	Err *diag.InputError
}

// Rule returns the result for the rule named name, nil if none.
func (r *Result) Rule(name string) *RuleResult { return r.byName[name] }

// SyscallSource is the event source of the kernel's system calls, every
// other source being a plugin's.
const SyscallSource = "syscall"

// TooManyEvents is Falco's threshold for LOAD_NO_EVTTYPE: a syscall rule
// that matches more event codes than this draws the warning "Rule matches
// too many evt.type values" unless warn_evttypes is false (spec §4).
const TooManyEvents = 100

// Analyze compiles the conditions of set as Falco's rule compiler does
// (rule_loader_compiler.cpp compile: lists, then macros, then rules; spec
// §3, §4): list items expanded and substituted into the text, macros
// parsed and resolved with their visibility, rules parsed, resolved and
// checked, and each rule's event types, fields, processes and paths
// worked out. It never panics; what Falco would reject is in
// Result.Errors and on the rules it concerns.
func Analyze(set *rules.Set) *Result {
	c := compile(set)
	res := c.res
	res.byName = make(map[string]*RuleResult, len(set.Rules))
	rrs := make([]*RuleResult, len(set.Rules))
	c.eachRule(func(i int, m *memos) {
		rrs[i] = c.analyzeRule(new(RuleResult), set.Rules[i], m, false)
	})
	res.Rules = make([]*RuleResult, 0, len(rrs))
	for i, rule := range set.Rules {
		rr := rrs[i]
		if rr.Err != nil {
			res.Errors = append(res.Errors, rr.Err)
		}
		res.Warnings = append(res.Warnings, rr.Warnings...)
		res.Rules = append(res.Rules, rr)
		res.byName[rule.Name] = rr
	}
	return res
}

// Observations analyses set as Analyze does and returns the Observation
// of each rule Falco would accept, by rule name. It keeps no rule's text
// or parsed condition: at 100k rules those were 140 MB of peak memory
// that the checks never read. Each goroutine analyses its rules in one
// RuleResult, with the nodes of one arena, into its rules' places in one
// array that the map points into: a map of values kept each value apart,
// a small allocation per rule made under the map's lock, which held the
// other goroutine waiting (a third of the analysis at 100k rules).
func Observations(set *rules.Set) map[string]*Observation {
	c := compile(set)
	all := make([]Observation, len(set.Rules))
	ok := make([]bool, len(set.Rules))
	c.eachRule(func(i int, m *memos) {
		if rr := m.observe(c, set.Rules[i]); rr.Err == nil {
			all[i], ok[i] = rr.Observation, true
		}
	})
	// In rule order: when a name repeats, which rules.Load never gives,
	// the last rule of that name wins.
	out := make(map[string]*Observation, len(set.Rules))
	for i, rule := range set.Rules {
		if ok[i] {
			out[rule.Name] = &all[i]
		}
	}
	return out
}

// observe analyses rule in m's scratch space, which the next rule
// reuses.
func (m *memos) observe(c *compiled, rule *rules.Rule) *RuleResult {
	m.rule = RuleResult{}
	return c.analyzeRule(&m.rule, rule, m, true)
}

// compiled is a rule set with its lists and macros compiled: what
// analysing each rule needs.
type compiled struct {
	set *rules.Set
	res *Result // the macros and their errors
	ls  *lists
	r   *resolver
}

// compile compiles the lists and macros of set.
func compile(set *rules.Set) *compiled {
	res := &Result{}
	r := &resolver{byName: make(map[string]*macro, len(set.MacroInfos)), fileIdx: make(map[*rules.File]int, len(set.Files))}
	for i, f := range set.Files {
		r.fileIdx[f] = i
	}
	ls := compileLists(set)

	// compile_macros_infos: every macro parsed first, then each
	// resolved in index order.
	// Parsing a macro needs nothing of the others: on every core.
	macros := make([]*macro, len(set.MacroInfos))
	if len(macros) > 0 {
		res.Macros = make([]*MacroResult, len(macros))
	}
	par.Ranges(len(set.MacroInfos), 512, func(_, lo, hi int) {
		var buf []byte
		for i := lo; i < hi; i++ {
			n := set.MacroInfos[i]
			var tb textBuilder
			tb.condition(n.Def)
			for _, ap := range n.Appends {
				tb.synthetic(" ", ap, conditionRange(ap))
				tb.condition(ap)
			}
			m := &macro{info: n, text: tb.text(), file: r.fileIdx[n.First.File]}
			ls.substitute(m.text, &buf, nil)
			mr := &MacroResult{Name: n.Def.Name, Info: n, Text: m.text}
			raw, err := Parse(m.text.S)
			if err != nil {
				mr.Err = errorAt(m.text, err.(*SyntaxError).Offset, "macro", n.Def.Name, err.Error())
			}
			m.raw = raw
			macros[i], res.Macros[i] = m, mr
		}
	})
	for i, m := range macros {
		if err := res.Macros[i].Err; err != nil {
			res.Errors = append(res.Errors, err)
		}
		r.byName[m.info.Def.Name] = m
	}
	for i, m := range macros {
		if m.raw != nil {
			rs := &resolution{r: r, vis: m.info.Visibility}
			m.body = rs.resolve(m.raw, m.text)
			if e := rs.err(); e != nil {
				mr := res.Macros[i]
				mr.Err = errorAt(e.text, e.at, "macro", m.info.Def.Name, e.msg)
				res.Errors = append(res.Errors, mr.Err)
				m.failed = true
			} else {
				res.Macros[i].Expr = m.body
			}
		}
		m.done = true
	}
	return &compiled{set: set, res: res, ls: ls, r: r}
}

// eachRule calls analyze for the index of each rule, on every core, with
// the goroutine's memos. Rules are independent once macros are resolved;
// callers gather the results in rule order. What each macro body gives
// is the same for every rule using it.
func (c *compiled) eachRule(analyze func(i int, m *memos)) {
	memos := make([]*memos, runtime.GOMAXPROCS(0))
	par.Ranges(len(c.set.Rules), 512, func(w, lo, hi int) {
		if memos[w] == nil {
			memos[w] = newMemos()
		}
		for i := lo; i < hi; i++ {
			analyze(i, memos[w])
		}
	})
}

// analyzeRule compiles one rule (compile_rule_infos, compile_condition)
// into rr, zero, and returns it. With reuse, its text and tree are built
// in the memo's scratch space, which the next rule reuses: for
// Observations, which keeps neither.
func (c *compiled) analyzeRule(rr *RuleResult, rule *rules.Rule, memo *memos, reuse bool) *RuleResult {
	ls, r := c.ls, c.r
	rr.Rule, rr.Observation = rule, Observation{Rule: rule.Name, Source: rule.Source}
	nodes, text, spare := &onHeap, (*Text)(nil), (*[]span)(nil)
	if reuse {
		memo.nodes.reset()
		if memo.text.spans != nil { // the last rule's, free now
			memo.spare = memo.text.spans
		}
		nodes, text, spare = memo.nodes, &memo.text, &memo.spare
	}
	if rr.Text, rr.Err = ruleText(rule, text); rr.Err != nil {
		return rr
	}
	ls.substitute(rr.Text, &memo.substituted, spare)
	raw, err := parse(rr.Text.S, nodes)
	if err != nil {
		rr.Err = errorAt(rr.Text, err.(*SyntaxError).Offset, "rule", rule.Name, err.Error())
		return rr
	}
	rs := &resolution{r: r, vis: ruleVisibility, own: nodes}
	expr := rs.resolve(raw, rr.Text)
	if e := rs.err(); e != nil {
		rr.Err = errorAt(e.text, e.at, "rule", rule.Name, e.msg)
		return rr
	}
	syscall := rule.Source == SyscallSource
	if e := validate(expr, rr.Text, syscall, memo.valid); e != nil {
		err := errorAt(e.text, e.at, "rule", rule.Name, e.msg)
		// compile_condition: with skip-if-unknown-filter an unknown event
		// type (or field) only skips the rule (spec §2, §7).
		if e.unknownFilter && rule.SkipIfUnknownFilter {
			rr.Skipped = true
			err.Msg += "; the rule is skipped (skip-if-unknown-filter)"
			rr.Warnings = append(rr.Warnings, err)
			return rr
		}
		rr.Err = err
		return rr
	}
	if syscall {
		ev := &evtVisitor{text: rr.Text, memo: memo.events}
		rr.Events = ev.expr(expr, false)
		if ev.err != nil {
			rr.Err = errorAt(ev.err.text, ev.err.at, "rule", rule.Name, ev.err.msg)
			return rr
		}
		if n := rr.Events.Len(); n > TooManyEvents && rule.WarnEvttypes {
			w := errorAt(rr.Text, 0, "rule", rule.Name, fmt.Sprintf("matches too many evt.type values (%d event codes), which has a significant performance penalty", n))
			rr.Warnings = append(rr.Warnings, w)
		}
		if rr.Events.IsAll() {
			rr.AllEvents = true
		} else {
			rr.EventTypes = memo.eventNames(rr.Events)
		}
	} else {
		// Plugin sources: the condition is ignored and the rule gets
		// every event of its source (spec §4).
		rr.Events.add(codePluginEvt)
		rr.Events.add(codeAsyncEvent)
		rr.AllEvents = true
	}
	rr.Expr = expr
	n := memo.scratch()
	n.expr(expr, false)
	lists := n.keep(&memo.kept)
	rr.Fields = lists[0]
	rr.Processes, rr.ExcludedProcesses = lists[1], lists[2]
	rr.Paths, rr.ExcludedPaths = lists[3], lists[4]
	return rr
}

// memos are what one goroutine of eachRule keeps across rules: what each
// macro body that is not its macro's own gives (the macro keeps what its
// own gives), the same for every rule using it, and the event names of
// each event set met, which most rules share.
type memos struct {
	names  map[memoKey]*names
	events map[memoKey]*evtMemo
	valid  map[validKey]*typeError
	sets   map[EventSet][]string
	// buf collects a rule's names before they are sorted into slices of
	// their own; reusing it saves growing five slices per rule.
	buf names
	// kept are the last rule's lists of names, which the next rule
	// shares where its lists are the same (names.keep).
	kept [5][]string
	// substituted is lists.substitute's scratch.
	substituted []byte
	// The scratch space of Observations: the rule's result, the nodes of
	// its tree, its text and the spans of its next substitution.
	rule  RuleResult
	nodes *arena
	text  Text
	spare []span
}

// scratch returns m.buf emptied, to collect one rule's names.
func (m *memos) scratch() *names {
	n := &m.buf
	n.memo = m.names
	n.fields = n.fields[:0]
	for i := range 2 {
		n.procs[i], n.paths[i] = n.procs[i][:0], n.paths[i][:0]
	}
	return n
}

func newMemos() *memos {
	return &memos{
		names:  map[memoKey]*names{},
		events: map[memoKey]*evtMemo{},
		valid:  map[validKey]*typeError{},
		sets:   map[EventSet][]string{},
		nodes:  newArena(),
	}
}

// eventNames is s.Names(), never nil, shared by the rules with that set:
// an observation's slices are only read.
func (m *memos) eventNames(s EventSet) []string {
	if n, ok := m.sets[s]; ok {
		return n
	}
	n := s.Names()
	if n == nil {
		n = []string{}
	}
	m.sets[s] = n
	return n
}

// ruleText is the rule's condition as the compiler receives it: the
// definition's, each append joined with one space, a replace starting
// over (collector.cpp append, selective_replace), and the exceptions
// added as clauses (spec §3). The error is an exception Falco rejects.
//
// With reuse, the text is built in *reuse, over its pieces: for a text
// that does not outlive the next one.
func ruleText(rule *rules.Rule, reuse *Text) (*Text, *diag.InputError) {
	var buf [4]*rules.Item
	items := buf[:0]
	for i, it := range rule.Items {
		switch {
		case i == 0:
			items = append(items, it)
		case it.ConditionAt == nil:
		case it.Mode == rules.LegacyAppend || it.ConditionOverride == "append":
			items = append(items, it)
		case it.ConditionOverride == "replace":
			items = append(items[:0], it)
		}
	}
	var tb textBuilder
	t := reuse
	if t == nil {
		t = new(Text)
	}
	tb.pieces = t.pieces[:0]
	tb.grow(items)
	exceptions := len(rule.Exceptions) > 0
	if exceptions {
		tb.synthetic("(", items[0], conditionRange(items[0]))
	}
	for i, it := range items {
		if i > 0 {
			tb.synthetic(" ", it, conditionRange(it))
		}
		tb.condition(it)
	}
	if exceptions {
		last := items[len(items)-1]
		tb.synthetic(")", last, conditionRange(last))
		if err := exceptionClauses(&tb, rule); err != nil {
			return tb.into(t), err
		}
	}
	return tb.into(t), nil
}

// conditionRange is where an item's condition starts, for the text
// Falco adds in front of it.
func conditionRange(it *rules.Item) diag.Range {
	if it.ConditionAt != nil {
		return it.ConditionAt.Range
	}
	return it.Range
}

// errorAt builds the error for byte at of t in the named macro or rule.
func errorAt(t *Text, at int, kind, name, msg string) *diag.InputError {
	return &diag.InputError{Range: t.Range(at), Msg: fmt.Sprintf("%s %q: %s", kind, name, msg)}
}
