package attack

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// DecodeCompact decodes a catalog written by MarshalCompact; source names
// the input in errors and becomes the catalog's Source.
//
// It reads any JSON with that shape, whatever the spacing, and skips
// members it does not know, so a newer generator can add optional facts.
// It is hand-written rather than encoding/json because every falcomitre
// run pays for it: strings are slices of one copy of the input and list
// elements share one allocation, which makes it several times faster.
func DecodeCompact(b []byte, source string) (*Catalog, error) {
	d := &compactDecoder{b: b, s: string(b), source: source}
	c, err := d.catalog()
	if err != nil {
		return nil, err
	}
	c.Source = source
	c.index()
	return c, nil
}

// compactDecoder is a small strict JSON reader for the compact layout.
type compactDecoder struct {
	b      []byte // the input, for the skimming helpers
	s      string // the same bytes, which decoded strings slice
	i      int
	source string
	stack  []byte
}

// errorf reports a problem at the current offset.
func (d *compactDecoder) errorf(format string, args ...any) error {
	return fmt.Errorf("%s: compact ATT&CK catalog: offset %d: %s", d.source, d.i, fmt.Sprintf(format, args...))
}

// peek skips whitespace and returns the next byte, or 0 at the end.
func (d *compactDecoder) peek() byte {
	for d.i < len(d.s) && isSpace(d.s[d.i]) {
		d.i++
	}
	if d.i < len(d.s) {
		return d.s[d.i]
	}
	return 0
}

// expect consumes c after optional whitespace.
func (d *compactDecoder) expect(c byte) error {
	if got := d.peek(); got != c {
		return d.unexpected(got, "'"+string(c)+"'")
	}
	d.i++
	return nil
}

// unexpected describes finding got where want should be.
func (d *compactDecoder) unexpected(got byte, want string) error {
	if d.i >= len(d.s) {
		return d.errorf("unexpected end of input, want %s", want)
	}
	return d.errorf("invalid character %s, want %s", quoteByte(got), want)
}

// str reads a JSON string. Plain ASCII without escapes, all the generator
// writes for ATT&CK data, is a slice of the input; anything else goes
// through encoding/json.
func (d *compactDecoder) str() (string, error) {
	if c := d.peek(); c != '"' {
		return "", d.unexpected(c, "a string")
	}
	start := d.i
	for j := start + 1; j < len(d.s); j++ {
		switch c := d.s[j]; {
		case c == '"':
			d.i = j + 1
			return d.s[start+1 : j], nil
		case c == '\\' || c < 0x20 || c >= 0x80:
			return d.slowStr(start)
		}
	}
	return "", d.errorf("unterminated string")
}

// slowStr decodes the string token at start with encoding/json.
func (d *compactDecoder) slowStr(start int) (string, error) {
	end, err := stringEnd(d.b, start)
	if err != nil {
		return "", d.errorf("unterminated string")
	}
	var v string
	if err := json.Unmarshal(d.b[start:end], &v); err != nil {
		d.i = start
		return "", d.errorf("bad string: %v", err)
	}
	d.i = end
	return v, nil
}

// boolean reads true or false.
func (d *compactDecoder) boolean() (bool, error) {
	d.peek()
	switch {
	case len(d.s)-d.i >= 4 && d.s[d.i:d.i+4] == "true":
		d.i += 4
		return true, nil
	case len(d.s)-d.i >= 5 && d.s[d.i:d.i+5] == "false":
		d.i += 5
		return false, nil
	}
	return false, d.errorf("want true or false")
}

// integer reads a small non-negative integer.
func (d *compactDecoder) integer() (int, error) {
	d.peek()
	j := d.i
	for j < len(d.s) && j-d.i < 9 && d.s[j] >= '0' && d.s[j] <= '9' {
		j++
	}
	n, err := strconv.Atoi(d.s[d.i:j])
	if err != nil {
		return 0, d.errorf("want a small whole number")
	}
	d.i = j
	return n, nil
}

// skip steps over a value of a member this decoder does not know.
func (d *compactDecoder) skip() error {
	if d.peek() == 0 {
		return d.unexpected(0, "a value")
	}
	end, stack, err := valueEnd(d.b, d.i, d.stack)
	d.stack = stack
	if err != nil || !json.Valid(d.b[d.i:end]) {
		return d.errorf("invalid JSON value")
	}
	d.i = end
	return nil
}

// members calls fn for each member of the object at the cursor; fn must
// consume the value.
func (d *compactDecoder) members(fn func(key string) error) error {
	if err := d.expect('{'); err != nil {
		return err
	}
	if d.peek() == '}' {
		d.i++
		return nil
	}
	for {
		key, err := d.str()
		if err != nil {
			return err
		}
		if err := d.expect(':'); err != nil {
			return err
		}
		if err := fn(key); err != nil {
			return err
		}
		switch c := d.peek(); c {
		case ',':
			d.i++
		case '}':
			d.i++
			return nil
		default:
			return d.unexpected(c, "',' or '}'")
		}
	}
}

// elements calls fn for each element of the array at the cursor.
func (d *compactDecoder) elements(fn func() error) error {
	if err := d.expect('['); err != nil {
		return err
	}
	if d.peek() == ']' {
		d.i++
		return nil
	}
	for {
		if err := fn(); err != nil {
			return err
		}
		switch c := d.peek(); c {
		case ',':
			d.i++
		case ']':
			d.i++
			return nil
		default:
			return d.unexpected(c, "',' or ']'")
		}
	}
}

// span locates a list inside the shared string slab.
type span struct{ start, end int32 }

// techniqueLists holds where each list of one technique sits in the slab,
// and its analytics in theirs.
type techniqueLists struct {
	tactics, revokedBy, platforms, mitigations, dataComponents span
	analytics                                                  span
}

// analyticLists holds where an analytic's platforms sit in the string
// slab and its log source indexes in theirs.
type analyticLists struct {
	platforms, logSources span
}

// catalog reads the whole document.
func (d *compactDecoder) catalog() (*Catalog, error) {
	c := &Catalog{}
	format := -1
	// Sizing from a cheap count saves growing the slabs (15% of the
	// time); the caps keep a hostile input from asking for gigabytes.
	n := min(strings.Count(d.s, `"id"`), 1<<14)
	techs := make([]Technique, 0, n)
	lists := make([]techniqueLists, 0, n)
	// One slab holds every list element; slices into it are made once it
	// stops growing.
	slab := make([]string, 0, min(strings.Count(d.s, `",`)+n, 1<<16))
	// Analytics and their log source indexes get slabs of their own; the
	// indexes are resolved against the log_sources table at the end, as
	// JSON does not promise the table comes first.
	var analytics []Analytic
	var alists []analyticLists
	var lsIndex []int
	var sources []LogSource
	list := func() (span, error) {
		sp := span{start: int32(len(slab))}
		err := d.elements(func() error {
			v, err := d.str()
			slab = append(slab, v)
			return err
		})
		sp.end = int32(len(slab))
		return sp, err
	}

	err := d.members(func(key string) error {
		var err error
		switch key {
		case "format":
			format, err = d.integer()
			if err == nil && format != CompactFormat {
				return d.errorf("format %d, this falcomitre reads format %d: use a newer falcomitre or regenerate the catalog", format, CompactFormat)
			}
		case "domain":
			c.Domain, err = d.str()
		case "version":
			c.Version, err = d.str()
		case "tactics":
			err = d.elements(func() error {
				t := &Tactic{Order: len(c.Tactics)}
				c.Tactics = append(c.Tactics, t)
				return d.members(func(key string) error {
					var err error
					switch key {
					case "id":
						t.ID, err = d.str()
					case "name":
						t.Name, err = d.str()
					case "shortname":
						t.Shortname, err = d.str()
					case "deprecated":
						t.Deprecated, err = d.boolean()
					default:
						err = d.skip()
					}
					return err
				})
			})
		case "mitigations":
			err = d.elements(func() error {
				m := &Mitigation{}
				c.Mitigations = append(c.Mitigations, m)
				return d.members(func(key string) error {
					var err error
					switch key {
					case "id":
						m.ID, err = d.str()
					case "name":
						m.Name, err = d.str()
					default:
						err = d.skip()
					}
					return err
				})
			})
		case "data_components":
			err = d.elements(func() error {
				dc := &DataComponent{}
				c.DataComponents = append(c.DataComponents, dc)
				return d.members(func(key string) error {
					var err error
					switch key {
					case "id":
						dc.ID, err = d.str()
					case "name":
						dc.Name, err = d.str()
					case "data_source":
						dc.DataSource, err = d.str()
					default:
						err = d.skip()
					}
					return err
				})
			})
		case "techniques":
			err = d.elements(func() error {
				techs = append(techs, Technique{})
				lists = append(lists, techniqueLists{})
				t, l := &techs[len(techs)-1], &lists[len(lists)-1]
				return d.members(func(key string) error {
					var err error
					switch key {
					case "id":
						t.ID, err = d.str()
					case "name":
						t.Name, err = d.str()
					case "tactics":
						l.tactics, err = list()
					case "parent":
						t.Parent, err = d.str()
					case "revoked":
						t.Revoked, err = d.boolean()
					case "deprecated":
						t.Deprecated, err = d.boolean()
					case "revoked_by":
						l.revokedBy, err = list()
					case "platforms":
						l.platforms, err = list()
					case "mitigations":
						l.mitigations, err = list()
					case "data_components":
						l.dataComponents, err = list()
					case "analytics":
						l.analytics.start = int32(len(analytics))
						err = d.elements(func() error {
							analytics = append(analytics, Analytic{})
							alists = append(alists, analyticLists{})
							return d.analytic(&analytics[len(analytics)-1], &alists[len(alists)-1], list, &lsIndex)
						})
						l.analytics.end = int32(len(analytics))
					default:
						err = d.skip()
					}
					return err
				})
			})
		case "log_sources":
			err = d.elements(func() error {
				sp, err := list()
				if err == nil && sp.end-sp.start != 3 {
					return d.errorf("a log source is [name, channel, data component], not %d strings", sp.end-sp.start)
				}
				sources = append(sources, LogSource{Name: slab[sp.start], Channel: slab[sp.start+1], Component: slab[sp.start+2]})
				return err
			})
		default:
			err = d.skip()
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if d.peek() != 0 {
		return nil, d.errorf("data after the catalog")
	}
	if err := d.check(c, format, techs); err != nil {
		return nil, err
	}
	logSources := make([]LogSource, len(lsIndex))
	for i, n := range lsIndex {
		if n >= len(sources) {
			return nil, fmt.Errorf("%s: compact ATT&CK catalog: log source %d of %d", d.source, n, len(sources))
		}
		logSources[i] = sources[n]
	}
	for i := range analytics {
		a, l := &analytics[i], &alists[i]
		a.Platforms = slabSlice(slab, l.platforms)
		if l.logSources.start != l.logSources.end {
			a.LogSources = logSources[l.logSources.start:l.logSources.end:l.logSources.end]
		}
	}
	c.Techniques = make([]*Technique, len(techs))
	for i := range techs {
		t, l := &techs[i], &lists[i]
		t.Tactics = slabSlice(slab, l.tactics)
		t.RevokedBy = slabSlice(slab, l.revokedBy)
		t.Platforms = slabSlice(slab, l.platforms)
		t.Mitigations = slabSlice(slab, l.mitigations)
		t.DataComponents = slabSlice(slab, l.dataComponents)
		if l.analytics.start != l.analytics.end {
			t.Analytics = analytics[l.analytics.start:l.analytics.end:l.analytics.end]
		}
		c.Techniques[i] = t
	}
	return c, nil
}

// check rejects a document that decoded but is not a usable catalog.
func (d *compactDecoder) check(c *Catalog, format int, techs []Technique) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%s: compact ATT&CK catalog: %s", d.source, fmt.Sprintf(format, args...))
	}
	switch {
	case format < 0:
		return bad("no format member: not a compact catalog")
	case !slices.Contains(knownDomains, c.Domain):
		return bad("unknown domain %q", c.Domain)
	case c.Version == "":
		return bad("no version")
	case len(c.Tactics) == 0:
		return bad("no tactics")
	}
	for i, t := range c.Tactics {
		if t.ID == "" || t.Shortname == "" {
			return bad("tactic %d has no id or shortname", i)
		}
	}
	for i := range techs {
		if techs[i].ID == "" {
			return bad("technique %d has no id", i)
		}
	}
	// The lookups search these tables by halves.
	if !slices.IsSortedFunc(c.Mitigations, func(a, b *Mitigation) int { return strings.Compare(a.ID, b.ID) }) {
		return bad("mitigations are not sorted by id")
	}
	if !slices.IsSortedFunc(c.DataComponents, func(a, b *DataComponent) int { return strings.Compare(a.Key(), b.Key()) }) {
		return bad("data components are not sorted by key")
	}
	return nil
}

// slabSlice returns the list at sp, nil when empty, capped so that an
// append by a caller copies instead of overwriting the next list.
func slabSlice(slab []string, sp span) []string {
	if sp.start == sp.end {
		return nil
	}
	return slab[sp.start:sp.end:sp.end]
}

// analytic reads one analytic of a technique: its strings into a, where
// its lists sit into l, and its log source indexes onto idx.
func (d *compactDecoder) analytic(a *Analytic, l *analyticLists, list func() (span, error), idx *[]int) error {
	return d.members(func(key string) error {
		var err error
		switch key {
		case "id":
			a.ID, err = d.str()
		case "strategy":
			a.Strategy, err = d.str()
		case "platforms":
			l.platforms, err = list()
		case "log_sources":
			l.logSources.start = int32(len(*idx))
			err = d.elements(func() error {
				n, err := d.integer()
				*idx = append(*idx, n)
				return err
			})
			l.logSources.end = int32(len(*idx))
		default:
			err = d.skip()
		}
		return err
	})
}
