package condition

import (
	"fmt"
	"strings"

	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/rules"
)

// exceptionClauses writes a rule's exceptions as Falco adds them to its
// condition (rule_loader_compiler.cpp build_rule_exception_infos, spec
// §3): the condition in parentheses, then ` and not (…)` for each
// exception with values. The text is Falco's, byte for byte, and maps to
// the exception it comes from. It returns the error Falco raises on
// values of the wrong shape, at the exception.
func exceptionClauses(tb *textBuilder, rule *rules.Rule) *diag.InputError {
	for _, ex := range rule.Exceptions {
		icond, msg := exceptionText(ex)
		if msg != "" {
			return &diag.InputError{Range: ex.Range, Msg: fmt.Sprintf("rule %q: exception %q: %s", rule.Name, ex.Name, msg)}
		}
		if icond != "" {
			tb.synthetic(" and not "+icond, rule.Def, ex.Range)
		}
	}
	return nil
}

// exceptionText is one exception's clause, or why Falco rejects it.
func exceptionText(ex rules.Exception) (string, string) {
	var b strings.Builder
	if !ex.Fields.IsList {
		for _, v := range ex.Values {
			if v.IsList {
				return "", "expected values array to contain a list of strings"
			}
			if b.Len() == 0 {
				b.WriteString("(" + ex.Fields.Item + " " + ex.Comps.Item + " (")
			} else {
				b.WriteString(", ")
			}
			b.WriteString(quoteItem(v.Item))
		}
		if b.Len() > 0 {
			b.WriteString("))")
		}
		return b.String(), ""
	}
	b.WriteString("(")
	for i, values := range ex.Values {
		if len(ex.Fields.Items) != len(values.Items) {
			return "", "fields and values lists must have equal length"
		}
		if i > 0 {
			b.WriteString(" or ")
		}
		b.WriteString("(")
		for k, field := range ex.Fields.Items {
			if k > 0 {
				b.WriteString(" and ")
			}
			comp := ""
			if k < len(ex.Comps.Items) {
				comp = ex.Comps.Items[k].Item
			}
			var istr string
			if v := values.Items[k]; v.IsList {
				parts := make([]string, len(v.Items))
				for j, it := range v.Items {
					parts[j] = quoteItem(it.Item)
				}
				istr = "(" + strings.Join(parts, ", ") + ")"
			} else if comp == "in" || comp == "intersects" || comp == "pmatch" {
				istr = parenItem(v.Item)
			} else {
				istr = quoteItem(v.Item)
			}
			b.WriteString(" " + field.Item + " " + comp + " " + istr)
		}
		b.WriteString(")")
	}
	b.WriteString(")")
	if b.String() == "()" {
		return "", ""
	}
	return b.String(), ""
}

// parenItem is compiler.cpp:paren_item: a value of a list operator gets
// parentheses unless it starts with one.
func parenItem(e string) string {
	if e == "" || e[0] != '(' {
		return "(" + e + ")"
	}
	return e
}
