package suggest

import (
	"strconv"
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
	k := watchKey(w)
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

// watchKey is every field of w, so that watches with the same key get
// the same verdicts whatever of them the matcher reads. Strings are
// length-prefixed and lists counted: no two watches share a key.
func watchKey(w *evidence.Watch) string {
	b := make([]byte, 0, 128)
	str := func(s string) {
		b = strconv.AppendInt(b, int64(len(s)), 10)
		b = append(b, ':')
		b = append(b, s...)
	}
	str(w.Source)
	b = strconv.AppendBool(b, w.AllEvents)
	b = strconv.AppendBool(b, w.EventTypes == nil)
	for _, list := range [][]string{w.EventTypes, w.Logs, w.Syscalls, w.Components} {
		b = strconv.AppendInt(b, int64(len(list)), 10)
		b = append(b, '[')
		for _, s := range list {
			str(s)
		}
	}
	for _, r := range w.Rows {
		b = strconv.AppendInt(b, int64(r), 10)
		b = append(b, ',')
	}
	return string(b)
}
