package coverage

import (
	"cmp"
	"slices"
	"strings"

	"github.com/falcomitre/falcomitre/attack"
)

// place lays out the matrix for m.Rules: every live tactic as a column,
// every live parent technique of it as a cell, and each rule in the cells
// its technique tags cover. Build and Subset both end here.
func (m *Model) place() {
	m.Columns = nil
	cells := map[string]map[string]*Cell{} // tactic shortname → parent ID → cell
	byShort := map[string]*Column{}
	for _, tac := range m.Catalog.Tactics {
		if tac.Deprecated {
			continue
		}
		col := &Column{Tactic: tac}
		m.Columns = append(m.Columns, col)
		byShort[tac.Shortname] = col
		cells[tac.Shortname] = map[string]*Cell{}
	}
	for _, t := range m.Catalog.Techniques {
		if t.Parent != "" || t.Revoked || t.Deprecated {
			continue
		}
		for _, s := range t.Tactics {
			col := byShort[s]
			if col == nil || cells[s][t.ID] != nil {
				continue
			}
			c := &Cell{Tactic: col.Tactic, Technique: t, InScope: m.Scope.inScope(t)}
			cells[s][t.ID] = c
			col.Cells = append(col.Cells, c)
		}
	}
	// Placing the rules in name order builds every list of rules sorted,
	// as they are shown; sorting each list after cost more.
	byName := slices.Clone(m.Rules)
	sortRules(byName)
	for _, r := range byName {
		var room [8]*attack.Tactic // a rule has a few tactics
		placed := room[:0]
		for _, tt := range r.Techniques {
			for _, tac := range tt.Under {
				parent := tt.Technique.ID
				if tt.Technique.Parent != "" {
					parent = tt.Technique.Parent
				}
				c := cells[tac.Shortname][parent]
				if c == nil {
					continue // a deprecated tactic has no column
				}
				if !slices.Contains(placed, tac) {
					placed = append(placed, tac)
				}
				c.Rules = addRule(c.Rules, r)
				if tt.Technique.Parent == "" {
					c.Direct = addRule(c.Direct, r)
				} else {
					c.sub(tt.Technique).Rules = addRule(c.sub(tt.Technique).Rules, r)
				}
			}
		}
		for _, tac := range r.Tactics {
			if col := byShort[tac.Shortname]; col != nil {
				col.Rules = append(col.Rules, r)
				if !slices.Contains(placed, tac) {
					col.TacticOnly = append(col.TacticOnly, r)
				}
			}
		}
	}
	m.count()
}

// count sorts the cells and their sub-techniques, and fills in the
// tallies.
func (m *Model) count() {
	m.Techniques, m.Covered = 0, 0
	inScope, covered := map[string]bool{}, map[string]bool{}
	for _, col := range m.Columns {
		slices.SortFunc(col.Cells, func(a, b *Cell) int {
			return cmp.Or(compareNames(a.Technique.Name, b.Technique.Name), strings.Compare(a.Technique.ID, b.Technique.ID))
		})
		col.Techniques, col.Covered = 0, 0
		for _, c := range col.Cells {
			slices.SortFunc(c.Subs, func(a, b *SubCell) int { return strings.Compare(a.Technique.ID, b.Technique.ID) })
			if !c.InScope {
				continue
			}
			col.Techniques++
			inScope[c.Technique.ID] = true
			if len(c.Rules) > 0 {
				col.Covered++
				covered[c.Technique.ID] = true
			}
		}
	}
	m.Techniques, m.Covered = len(inScope), len(covered)
}

// sub returns the cell's entry for a sub-technique, adding it.
func (c *Cell) sub(t *attack.Technique) *SubCell {
	for _, s := range c.Subs {
		if s.Technique == t {
			return s
		}
	}
	s := &SubCell{Technique: t}
	c.Subs = append(c.Subs, s)
	return s
}

// addRule appends r unless it is there already. Rules are placed one
// after the other, so it can only be last: searching the whole list made
// placing quadratic in the rules of a cell.
func addRule(list []*Rule, r *Rule) []*Rule {
	if len(list) > 0 && list[len(list)-1] == r {
		return list
	}
	return append(list, r)
}

// sortRules orders rules by name, as every list of rules is shown.
func sortRules(rs []*Rule) {
	slices.SortStableFunc(rs, func(a, b *Rule) int { return compareNames(a.Name, b.Name) })
}

// compareNames orders names as a reader looks them up: ignoring case, then
// by bytes so that the order is total.
func compareNames(a, b string) int {
	return cmp.Or(CompareLower(a, b), strings.Compare(a, b))
}
