package unidiff

import (
	"bytes"
	"errors"
	"fmt"
)

// Change says that old[Old:OldEnd] became new[New:NewEnd]. The changes
// of two texts are in order and do not overlap, and between them, before
// the first and after the last, the texts hold the same bytes.
type Change struct{ Old, OldEnd, New, NewEnd int }

// checkChanges reports how changes fail to describe old and new, if they
// do: a wrong list would print a diff that does not apply.
func checkChanges(old, new []byte, changes []Change) error {
	o, n := 0, 0
	for i, c := range changes {
		if c.Old < o || c.OldEnd < c.Old || c.OldEnd > len(old) || c.New < n || c.NewEnd < c.New || c.NewEnd > len(new) {
			return fmt.Errorf("change %d, [%d,%d) to [%d,%d), is out of order or outside the texts", i, c.Old, c.OldEnd, c.New, c.NewEnd)
		}
		if !bytes.Equal(old[o:c.Old], new[n:c.New]) {
			return fmt.Errorf("the texts differ before change %d", i)
		}
		o, n = c.OldEnd, c.NewEnd
	}
	if !bytes.Equal(old[o:], new[n:]) {
		return errors.New("the texts differ after the last change")
	}
	return nil
}
