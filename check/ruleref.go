package check

import (
	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/rules"
)

// RuleRef names a rule in force and where its definition starts.
type RuleRef struct {
	Name  string
	Range diag.Range // the `rule:` key of the definition in force
}

func refOf(r *rules.Rule) RuleRef {
	ref := RuleRef{Name: r.Name}
	if r.Def != nil {
		ref.Range = r.Def.Range
	}
	return ref
}
