package suggest

import (
	"sync"

	"github.com/falcomitre/falcomitre/evidence"
)

// maxWatches bounds a verdictCache: a set whose rules watch more
// distinct things than this (none known does) judges the rest per rule
// rather than holding about 30 KB for each.
const maxWatches = 1024

// verdictCache holds the verdicts of the watches of one rule set, at
// most limit of them; it is safe for concurrent use.
type verdictCache struct {
	limit int
	mu    sync.Mutex
	m     map[string]*verdicts
}

// get returns the verdicts on w, judging them on first use. Two workers
// may judge the same new watch at once: both get the first stored.
func (c *verdictCache) get(s *Suggester, w *evidence.Watch) *verdicts {
	k := w.Key()
	c.mu.Lock()
	v := c.m[k]
	c.mu.Unlock()
	if v != nil {
		return v
	}
	v = s.judgeAll(w)
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.m[k]; old != nil {
		return old
	}
	if c.m == nil {
		c.m = map[string]*verdicts{}
	}
	if len(c.m) < c.limit {
		c.m[k] = v
	}
	return v
}
