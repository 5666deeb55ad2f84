package coverage

import (
	"errors"

	"github.com/falcomitre/falcomitre/attack"
)

// Diff is what changes in coverage from one rule set to another, both
// read against the same catalog and scope.
type Diff struct {
	Old, New *Model
	// Tactics are the tactics some rule tags in one set and none in the
	// other, in matrix order.
	Tactics []TacticChange
	// Techniques are the entries (a technique as tagged, under a tactic)
	// gained, lost or covered by more or fewer rules, in matrix order of
	// tactics and then by technique ID.
	Techniques []EntryChange
	// Cells counts the parent techniques in scope covered under some
	// tactic: Gained are newly covered, Lost no longer covered.
	CellsGained, CellsLost []*Cell
}

// Change is how an entry or tactic changed.
type Change string

// Changes.
const (
	Gained Change = "gained" // covered now, not before
	Lost   Change = "lost"   // covered before, not now
	More   Change = "more"   // covered by more rules
	Fewer  Change = "fewer"  // covered by fewer rules
)

// TacticChange is a tactic gained or lost.
type TacticChange struct {
	Change Change
	Tactic *attack.Tactic
	// Rules are the rules that tag it, on the side that has them.
	Rules []*Rule
}

// EntryChange is a technique under a tactic whose rules changed.
type EntryChange struct {
	Change    Change
	Tactic    *attack.Tactic
	Technique *attack.Technique
	Old, New  []*Rule
}

// Delta is the change in the number of rules.
func (e EntryChange) Delta() int { return len(e.New) - len(e.Old) }

// Compare returns what changes from old to new. Both must come from the
// same catalog, or the cells would not line up. When their scopes differ
// (new rules bring a new event source, say), both are compared in the
// union of the two, so that the denominators agree.
func Compare(old, new *Model) (*Diff, error) {
	if old.Catalog != new.Catalog {
		return nil, errors.New("coverage diff: the two rule sets were read against different ATT&CK data")
	}
	if s := old.Scope.union(new.Scope); !s.equal(old.Scope) || !s.equal(new.Scope) {
		old, new = old.withScope(s), new.withScope(s)
	}
	d := &Diff{Old: old, New: new}
	for i, oc := range old.Columns {
		nc := new.Columns[i]
		switch {
		case len(oc.Rules) == 0 && len(nc.Rules) > 0:
			d.Tactics = append(d.Tactics, TacticChange{Change: Gained, Tactic: nc.Tactic, Rules: nc.Rules})
		case len(oc.Rules) > 0 && len(nc.Rules) == 0:
			d.Tactics = append(d.Tactics, TacticChange{Change: Lost, Tactic: oc.Tactic, Rules: oc.Rules})
		}
		d.Techniques = append(d.Techniques, compareColumn(oc, nc)...)
	}
	d.CellsGained, d.CellsLost = compareCells(old, new), compareCells(new, old)
	return d, nil
}

// compareColumn compares the entries of one tactic, by technique ID.
func compareColumn(oc, nc *Column) []EntryChange {
	olds, news := columnEntries(oc), columnEntries(nc)
	var out []EntryChange
	i, j := 0, 0
	for i < len(olds) || j < len(news) {
		switch {
		case j == len(news) || i < len(olds) && olds[i].Technique.ID < news[j].Technique.ID:
			out = append(out, EntryChange{Change: Lost, Tactic: oc.Tactic, Technique: olds[i].Technique, Old: olds[i].Rules})
			i++
		case i == len(olds) || news[j].Technique.ID < olds[i].Technique.ID:
			out = append(out, EntryChange{Change: Gained, Tactic: nc.Tactic, Technique: news[j].Technique, New: news[j].Rules})
			j++
		default:
			e := EntryChange{Tactic: nc.Tactic, Technique: news[j].Technique, Old: olds[i].Rules, New: news[j].Rules}
			switch {
			case e.Delta() > 0:
				e.Change = More
			case e.Delta() < 0:
				e.Change = Fewer
			}
			if e.Change != "" {
				out = append(out, e)
			}
			i++
			j++
		}
	}
	return out
}

// columnEntries returns one column's entries, by technique ID.
func columnEntries(col *Column) []Entry {
	m := &Model{Columns: []*Column{col}}
	return m.Entries()
}

// compareCells returns the cells in scope that b covers and a does not.
func compareCells(a, b *Model) []*Cell {
	var out []*Cell
	for i, bc := range b.Columns {
		for k, cell := range bc.Cells {
			if cell.InScope && len(cell.Rules) > 0 && len(a.Columns[i].Cells[k].Rules) == 0 {
				out = append(out, cell)
			}
		}
	}
	return out
}
