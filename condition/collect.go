package condition

import (
	"slices"
	"sort"
)

// ProcessFields are the fields whose values name processes: a literal
// compared with one of them (proc.name = bash, proc.aname[2] in (…),
// tolower(proc.exe) endswith ssh) is one of the processes a rule names.
var ProcessFields = []string{
	"proc.name", "proc.pname", "proc.aname", "proc.sname",
	"proc.exe", "proc.pexe", "proc.aexe",
	"proc.exepath", "proc.pexepath", "proc.aexepath",
	"proc.vpgid.name", "proc.vpgid.exe", "proc.vpgid.exepath",
	"proc.pgid.name", "proc.pgid.exe", "proc.pgid.exepath",
}

// PathFields are the fields whose values name files and directories.
var PathFields = []string{
	"fd.name", "fd.nameraw", "fd.directory", "fd.filename",
	"fs.path.name", "fs.path.nameraw", "fs.path.source", "fs.path.sourceraw",
	"fs.path.target", "fs.path.targetraw",
	"evt.abspath", "evt.abspath.src", "evt.abspath.dst",
	"evt.arg.path", "evt.arg.pathname", "evt.arg.name", "evt.arg.filename",
	"evt.arg.oldpath", "evt.arg.newpath", "evt.arg.linkpath", "evt.arg.target",
	"proc.cwd",
}

var (
	processField = setOf(ProcessFields)
	pathField    = setOf(PathFields)
)

func setOf(s []string) map[string]bool {
	m := make(map[string]bool, len(s))
	for _, v := range s {
		m[v] = true
	}
	return m
}

// names is what a rule's condition reads and names, with duplicates
// until sorted.
type names struct {
	fields []string
	// procs and paths: [0] in positive context, [1] under a negation
	// (not, !=), where they are exceptions to what the rule watches.
	procs, paths [2][]string
	// memo has what each macro body names, by negation, sorted: bodies
	// are shared, and collecting each once keeps the work linear.
	memo map[memoKey]*names
}

// expr collects from e; neg counts the negations above it.
func (n *names) expr(e Expr, neg bool) {
	switch e := e.(type) {
	case *And:
		for _, c := range e.Children {
			n.expr(c, neg)
		}
	case *Or:
		for _, c := range e.Children {
			n.expr(c, neg)
		}
	case *Not:
		n.expr(e.Child, !neg)
	case *Macro:
		n.add(n.macro(e, neg))
	case *Check:
		n.check(e, neg)
	}
}

// macro returns what a macro's body names, collected once for every
// rule when the body is the macro's, once per memo otherwise.
func (n *names) macro(e *Macro, neg bool) *names {
	var sub *names
	k := memoKey{e.Body, neg}
	if e.shared != nil {
		sub = e.shared.names[index(neg)].Load()
	} else {
		sub = n.memo[k]
	}
	if sub != nil {
		return sub
	}
	if n.memo == nil {
		n.memo = map[memoKey]*names{}
	}
	sub = &names{memo: n.memo}
	sub.expr(e.Body, neg)
	sub.sort()
	if e.shared != nil {
		sub.memo = nil // the goroutine's, not to be kept
		e.shared.names[index(neg)].Store(sub)
	} else {
		n.memo[k] = sub
	}
	return sub
}

func (n *names) check(c *Check, neg bool) {
	n.operand(c.Left)
	n.operand(c.Right)
	switch c.Op {
	case "exists", "<", "<=", ">", ">=":
		return
	case "!=":
		neg = !neg
	}
	f := subject(c.Left)
	if f == "" {
		return
	}
	k := 0
	if neg {
		k = 1
	}
	switch {
	case processField[f]:
		n.procs[k] = append(n.procs[k], values(c.Right)...)
	case pathField[f]:
		n.paths[k] = append(n.paths[k], values(c.Right)...)
	}
}

// subject is the field a check's left side is about: the field itself,
// or the field inside a one-argument transformer (tolower(proc.name)).
func subject(o Operand) string {
	switch o := o.(type) {
	case *Field:
		return o.Name
	case *Transform:
		if len(o.Args) == 1 && o.Name != "len" {
			return subject(o.Args[0])
		}
	}
	return ""
}

// operand records the fields o reads.
func (n *names) operand(o Operand) {
	switch o := o.(type) {
	case *Field:
		n.fields = append(n.fields, o.Name)
	case *Transform:
		for _, a := range o.Args {
			n.operand(a)
		}
	case *ArgList:
		for _, a := range o.Items {
			n.operand(a)
		}
	}
}

// sort sorts every list of n and drops duplicates.
func (n *names) sort() {
	n.fields = sorted(n.fields)
	for i := range 2 {
		n.procs[i], n.paths[i] = sorted(n.procs[i]), sorted(n.paths[i])
	}
}

// keep returns the lists of n, sorted and free of duplicates, in slices
// of their own that share one allocation: fields, processes, excluded
// processes, paths and excluded paths. Empty lists are nil. A list equal
// to the same list of last, what keep returned for the rule before, is
// that one: neighbouring rules often read the same fields, and an
// observation's slices are only read.
func (n *names) keep(last *[5][]string) [5][]string {
	lists := [5][]string{n.fields, n.procs[0], n.procs[1], n.paths[0], n.paths[1]}
	var same [5]bool
	total := 0
	for i := range lists {
		lists[i] = sorted(lists[i])
		if same[i] = lists[i] != nil && slices.Equal(lists[i], last[i]); same[i] {
			lists[i] = last[i]
		} else {
			total += len(lists[i])
		}
	}
	var all []string
	if total > 0 {
		all = make([]string, 0, total)
	}
	for i, l := range lists {
		if l != nil && !same[i] {
			at := len(all)
			all = append(all, l...)
			lists[i] = all[at:len(all):len(all)]
		}
	}
	*last = lists
	return lists
}

// add appends what o names to n.
func (n *names) add(o *names) {
	n.fields = append(n.fields, o.fields...)
	for i := range 2 {
		n.procs[i] = append(n.procs[i], o.procs[i]...)
		n.paths[i] = append(n.paths[i], o.paths[i]...)
	}
}

// sorted sorts s and drops duplicates; nil when s is empty.
func sorted(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	sort.Strings(s)
	out := s[:1]
	for _, v := range s[1:] {
		if v != out[len(out)-1] {
			out = append(out, v)
		}
	}
	return out[:len(out):len(out)]
}
