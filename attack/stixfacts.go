package attack

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// stixFacts gathers the objects a catalog is built from while a bundle is
// scanned; everything else is skipped before encoding/json sees it.
type stixFacts struct {
	scanner *bundleScanner
	stack   []byte

	patterns   []stixAttackPattern
	tactics    []stixTactic
	matrices   []stixMatrix
	collection *stixCollection
	revokedBy  map[string][]string // source STIX id → target STIX ids
	subtechOf  map[string]string   // sub-technique STIX id → parent STIX id

	// What defends against techniques, for explain.
	mitigations []stixCourseOfAction
	components  []stixDataComponent
	sources     []stixDataSource
	strategies  []stixDetectionStrategy
	analytics   []stixAnalytic
	techByStix  map[string]*Technique
	seen        map[string]string   // STIX ids and "type ATT&CK-ID" keys → STIX id, for unique
	mitigates   map[string][]string // technique STIX id → course-of-action STIX ids
	detects     map[string][]string // technique STIX id → component or strategy STIX ids
}

// add is the scanner callback: it decodes obj if catalog facts are in it.
func (f *stixFacts) add(obj []byte, off int64) error {
	var typ, rel string
	typ, rel, f.stack = objectKind(obj, f.stack)
	var err error
	switch typ {
	case "attack-pattern":
		if err = decodeAppend(&f.patterns, obj); err == nil {
			p := &f.patterns[len(f.patterns)-1]
			return f.unique(typ, off, p.ID, liveID(p.Refs, p.Revoked || p.Deprecated))
		}
	case "x-mitre-tactic":
		if err = decodeAppend(&f.tactics, obj); err == nil {
			t := &f.tactics[len(f.tactics)-1]
			return f.unique(typ, off, t.ID, liveID(t.Refs, t.Revoked || t.Deprecated))
		}
	case "x-mitre-matrix":
		err = decodeAppend(&f.matrices, obj)
	case "x-mitre-collection":
		if f.collection != nil {
			// A bundle describes one collection; later ones would be
			// another release's metadata, which we do not mix in.
			return nil
		}
		f.collection = f.readCollection(obj)
	case "course-of-action":
		err = decodeAppend(&f.mitigations, obj)
	case "x-mitre-data-component":
		err = decodeAppend(&f.components, obj)
	case "x-mitre-data-source":
		err = decodeAppend(&f.sources, obj)
	case "x-mitre-detection-strategy":
		err = decodeAppend(&f.strategies, obj)
	case "x-mitre-analytic":
		err = decodeAppend(&f.analytics, obj)
	case "relationship":
		switch rel {
		case "revoked-by", "subtechnique-of", "mitigates", "detects":
		default:
			return nil
		}
		var r stixRelationship
		if err = json.Unmarshal(obj, &r); err == nil {
			f.addRelationship(r)
		}
	default:
		return nil
	}
	if err != nil {
		return f.objectErr(typ, off, err)
	}
	return nil
}

// unique refuses a technique or tactic whose STIX id, or live ATT&CK ID,
// an earlier object of the bundle already has. No ATT&CK release repeats
// either (13.1 to 18.1 checked); a bundle that does would make a tag mean
// whichever object came last, so it is refused rather than guessed at.
// A revoked or deprecated object may share its ATT&CK ID with a live one,
// which then wins (buildTechniques).
func (f *stixFacts) unique(typ string, off int64, stixID, attackID string) error {
	if f.seen == nil {
		f.seen = make(map[string]string)
	}
	for _, key := range []string{stixID, typ + " " + attackID} {
		if key == "" || key == typ+" " {
			continue
		}
		if prev, dup := f.seen[key]; dup {
			what := fmt.Sprintf("ATT&CK ID %s is also the ID of %s", attackID, prev)
			if key == stixID {
				what = fmt.Sprintf("%s appears twice in the bundle", stixID)
			}
			return fmt.Errorf("%s: %s object: %s; each must be unique", f.scanner.position(off), typ, what)
		}
		f.seen[key] = cmp.Or(stixID, "an earlier "+typ)
	}
	return nil
}

// liveID is the ATT&CK ID of an object that is neither revoked nor
// deprecated, "" for one that is.
func liveID(refs []stixRef, retired bool) string {
	if retired {
		return ""
	}
	return attackID(refs)
}

// decodeAppend decodes obj as one more element of *list, in place, so a
// bundle's thousands of objects are not copied once more.
func decodeAppend[T any](list *[]T, obj []byte) error {
	var zero T
	*list = append(*list, zero)
	return json.Unmarshal(obj, &(*list)[len(*list)-1])
}

// readCollection takes the name and version from an x-mitre-collection
// without encoding/json: in a STIX 2.1 enterprise bundle its
// x_mitre_contents lists every object, megabytes that decoding would
// validate for nothing.
func (f *stixFacts) readCollection(obj []byte) *stixCollection {
	c := new(stixCollection)
	it := memberIter{obj: obj, stack: f.stack}
	for {
		key, val, ok := it.next()
		if !ok {
			break
		}
		switch {
		case keyIs(key, "name"):
			c.Name, _ = unquote(val)
		case keyIs(key, "x_mitre_version"):
			c.Version, _ = unquote(val)
		}
	}
	f.stack = it.stack
	return c
}

// addRelationship records a revoked-by or subtechnique-of edge.
func (f *stixFacts) addRelationship(r stixRelationship) {
	if r.Revoked {
		// A revoked relationship no longer asserts anything.
		return
	}
	switch r.Type {
	case "revoked-by":
		if f.revokedBy == nil {
			f.revokedBy = make(map[string][]string)
		}
		f.revokedBy[r.Source] = append(f.revokedBy[r.Source], r.Target)
	case "subtechnique-of":
		if f.subtechOf == nil {
			f.subtechOf = make(map[string]string)
		}
		f.subtechOf[r.Source] = r.Target
	case "mitigates":
		if f.mitigates == nil {
			f.mitigates = make(map[string][]string)
		}
		f.mitigates[r.Target] = append(f.mitigates[r.Target], r.Source)
	case "detects":
		if f.detects == nil {
			f.detects = make(map[string][]string)
		}
		f.detects[r.Target] = append(f.detects[r.Target], r.Source)
	}
}

// objectErr places a decoding error of the object at input offset off.
func (f *stixFacts) objectErr(typ string, off int64, err error) error {
	at := off
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	what := err.Error()
	switch {
	case errors.As(err, &se):
		at += se.Offset
	case errors.As(err, &te):
		at += te.Offset
		// encoding/json names our Go types; say it in STIX terms.
		what = fmt.Sprintf("member %q is a JSON %s, want %s", te.Field, te.Value, jsonKind(te.Type.Kind()))
	}
	return &wrapped{
		msg: fmt.Sprintf("%s: %s object: %s", f.scanner.position(at), typ, what),
		err: err,
	}
}

// jsonKind names the JSON a Go kind decodes from.
func jsonKind(k reflect.Kind) string {
	switch k {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "array"
	case reflect.Struct:
		return "object"
	}
	return k.String()
}

// wrapped is an error with its own message that still unwraps to the
// encoding/json error beneath.
type wrapped struct {
	msg string
	err error
}

func (w *wrapped) Error() string { return w.msg }
func (w *wrapped) Unwrap() error { return w.err }

// catalog builds the Catalog from what the scan gathered.
func (f *stixFacts) catalog(label, name string, opt Options) (*Catalog, error) {
	if len(f.tactics) == 0 {
		return nil, fmt.Errorf("%s: no x-mitre-tactic objects: not an ATT&CK bundle", label)
	}
	domain, version, err := f.identify(label, name, opt)
	if err != nil {
		return nil, err
	}
	c := &Catalog{Domain: domain, Version: version}
	c.Tactics = f.buildTactics(domain)
	if len(c.Tactics) == 0 {
		return nil, fmt.Errorf("%s: no x-mitre-tactic object has an ATT&CK ID and a shortname", label)
	}
	c.Techniques = f.buildTechniques(domain)
	f.buildDefenses(c)
	c.index()
	return c, nil
}

// identify settles the domain and version: the collection object says
// best, then the file name, then opt; a lone matrix can still name the
// domain.
func (f *stixFacts) identify(label, name string, opt Options) (domain, version string, err error) {
	var optDomain string
	if opt.Domain != "" {
		if optDomain, err = NormalizeDomain(opt.Domain); err != nil {
			return "", "", fmt.Errorf("%s: %w", label, err)
		}
	}
	if f.collection != nil {
		domain = collectionDomain(f.collection.Name)
		version = normalizeVersion(f.collection.Version)
	}
	nameDomain, nameVersion := nameFacts(name)
	domain = cmp.Or(domain, nameDomain, optDomain)
	version = cmp.Or(version, nameVersion, normalizeVersion(opt.Version))

	matrixDomains := f.matrixDomains()
	if domain == "" && len(matrixDomains) == 1 {
		domain = matrixDomains[0]
	}
	var missing []string
	if domain == "" {
		missing = append(missing, "domain")
	}
	if version == "" {
		missing = append(missing, "version")
	}
	if len(missing) > 0 {
		what := strings.Join(missing, " and ")
		return "", "", fmt.Errorf("%s: cannot tell the ATT&CK %s: no x-mitre-collection object in the bundle says it and neither does the file name; pass the %s explicitly", label, what, what)
	}
	if len(matrixDomains) > 0 && !slices.Contains(matrixDomains, domain) {
		return "", "", fmt.Errorf("%s: the bundle's matrix is %s, not %s", label, strings.Join(matrixDomains, ", "), domain)
	}
	return domain, version, nil
}

// matrixDomains returns the distinct known domains the matrices name.
func (f *stixFacts) matrixDomains() []string {
	var ds []string
	for _, m := range f.matrices {
		d := attackID(m.Refs)
		if slices.Contains(knownDomains, d) && !slices.Contains(ds, d) {
			ds = append(ds, d)
		}
	}
	return ds
}

// buildTactics orders the domain's tactics as its matrix does. Mobile has
// a second, deprecated matrix ("Network-Based Effects") that comes first
// in the data, so live matrices go before deprecated ones; tactics no
// matrix lists come last, by ID, so the order never depends on how a
// bundle happens to be sorted.
func (f *stixFacts) buildTactics(domain string) []*Tactic {
	byStix := make(map[string]*Tactic, len(f.tactics))
	var all []*Tactic
	for _, st := range f.tactics {
		id := attackID(st.Refs)
		if id == "" || st.Shortname == "" || st.Revoked {
			// Techniques name tactics by shortname, so one without is
			// unreachable; a revoked tactic is in no matrix and would only
			// shadow its successor.
			continue
		}
		t := &Tactic{ID: id, Name: st.Name, Shortname: st.Shortname, Deprecated: st.Deprecated}
		byStix[st.ID] = t
		all = append(all, t)
	}

	var ms []stixMatrix
	for _, m := range f.matrices {
		if attackID(m.Refs) == domain {
			ms = append(ms, m)
		}
	}
	if len(ms) == 0 {
		ms = f.matrices
	}
	slices.SortStableFunc(ms, func(a, b stixMatrix) int {
		return cmpBool(a.Revoked || a.Deprecated, b.Revoked || b.Deprecated)
	})

	out := make([]*Tactic, 0, len(all))
	seen := make(map[*Tactic]bool, len(all))
	for _, m := range ms {
		for _, ref := range m.TacticRefs {
			if t := byStix[ref]; t != nil && !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	var rest []*Tactic
	for _, t := range all {
		if !seen[t] {
			rest = append(rest, t)
		}
	}
	slices.SortStableFunc(rest, func(a, b *Tactic) int { return strings.Compare(a.ID, b.ID) })
	out = append(out, rest...)
	for i, t := range out {
		t.Order = i
	}
	return out
}

// buildTechniques turns attack-patterns into Techniques sorted by ID.
func (f *stixFacts) buildTechniques(domain string) []*Technique {
	ids := make(map[string]string, len(f.patterns))
	for i := range f.patterns {
		if id := attackID(f.patterns[i].Refs); id != "" {
			ids[f.patterns[i].ID] = id
		}
	}
	chain := killChain(domain)
	out := make([]*Technique, 0, len(f.patterns))
	f.techByStix = make(map[string]*Technique, len(f.patterns))
	for i := range f.patterns {
		p := &f.patterns[i]
		id := ids[p.ID]
		if id == "" {
			// Nothing can name a technique without an ATT&CK ID.
			continue
		}
		t := &Technique{
			ID:         id,
			Name:       p.Name,
			Revoked:    p.Revoked,
			Deprecated: p.Deprecated,
			Platforms:  nonEmpty(p.Platforms),
		}
		for _, ph := range p.Phases {
			if ph.KillChainName == chain && ph.PhaseName != "" && !slices.Contains(t.Tactics, ph.PhaseName) {
				t.Tactics = append(t.Tactics, ph.PhaseName)
			}
		}
		parentStix, hasRel := f.subtechOf[p.ID]
		switch {
		case ids[parentStix] != "":
			t.Parent = ids[parentStix]
		case p.IsSub || hasRel:
			// Some revoked sub-techniques (T1053.001, T1547.011) lost
			// their subtechnique-of relationship; the ID still tells.
			if parent, _, ok := strings.Cut(id, "."); ok {
				t.Parent = parent
			}
		}
		for _, target := range f.revokedBy[p.ID] {
			if rid := ids[target]; rid != "" && !slices.Contains(t.RevokedBy, rid) {
				t.RevokedBy = append(t.RevokedBy, rid)
			}
		}
		slices.Sort(t.RevokedBy)
		f.techByStix[p.ID] = t
		out = append(out, t)
	}
	slices.SortStableFunc(out, func(a, b *Technique) int {
		// A reused ID sorts its live object first, the one index keeps.
		return cmp.Or(strings.Compare(a.ID, b.ID), cmpBool(a.Revoked, b.Revoked), cmpBool(a.Deprecated, b.Deprecated))
	})
	return out
}

// cmpBool orders false before true.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// nonEmpty returns nil for an empty slice, so catalogs compare equal
// whether the data had [] or nothing.
func nonEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}
