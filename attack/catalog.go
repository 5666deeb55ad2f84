// Package attack holds MITRE ATT&CK catalogs: the facts falcomitre checks
// tags against (tactics, techniques, revocations, deprecations), read from
// STIX 2.0 or 2.1 bundles or from the compact catalog embedded in the
// binary.
//
// Tactic names and shortnames always come from the data: a future ATT&CK
// with renamed tactics works with its bundle and no code change.
package attack

// Catalog is one ATT&CK domain at one version.
type Catalog struct {
	Domain  string // "enterprise-attack", "mobile-attack" or "ics-attack"
	Version string // "18.1"
	// Source says where the data came from: "embedded" or a file path or URL.
	Source string `json:"-"`

	// Tactics in the domain's matrix order.
	Tactics []*Tactic
	// Techniques sorted by ID, revoked and deprecated ones included.
	Techniques []*Technique
	// Mitigations are the live mitigations techniques name, by ID.
	Mitigations []*Mitigation `json:",omitempty"`
	// DataComponents are what detections of techniques observe, by Key.
	DataComponents []*DataComponent `json:",omitempty"`

	byID        map[string]*Technique
	tacticByID  map[string]*Tactic
	tacticShort map[string]*Tactic
}

// Tactic is an ATT&CK tactic (x-mitre-tactic).
type Tactic struct {
	ID        string // "TA0004"
	Name      string // "Privilege Escalation"
	Shortname string // "privilege-escalation", from x_mitre_shortname
	Order     int    // position in the matrix, from 0
	// Deprecated marks a tactic ATT&CK no longer uses, such as Mobile's
	// Network Effects (TA0038).
	Deprecated bool `json:",omitempty"`
}

// Technique is an ATT&CK technique or sub-technique (attack-pattern).
type Technique struct {
	ID      string   // "T1059.004"
	Name    string   // "Unix Shell"
	Tactics []string `json:",omitempty"` // shortnames, in the data's order
	// Parent is the parent technique's ID for a sub-technique.
	Parent     string `json:",omitempty"`
	Revoked    bool   `json:",omitempty"`
	Deprecated bool   `json:",omitempty"`
	// RevokedBy are the IDs named by revoked-by relationships, one step.
	RevokedBy []string `json:",omitempty"`
	Platforms []string `json:",omitempty"`
	// Mitigations are the IDs of the mitigations that mitigate it.
	Mitigations []string `json:",omitempty"`
	// DataComponents are the keys of the data components that detect it.
	DataComponents []string `json:",omitempty"`
	// Analytics are the live analytics of the detection strategies that
	// detect it, by ID: what ATT&CK 18 and later say to watch, per
	// platform. Older releases have none.
	Analytics []Analytic `json:",omitempty"`
}

// URL returns the technique's page on attack.mitre.org.
func (t *Technique) URL() string { return TechniqueURL(t.ID) }

// URL returns the tactic's page on attack.mitre.org.
func (t *Tactic) URL() string { return "https://attack.mitre.org/tactics/" + t.ID + "/" }

// Tag returns the canonical Falco tag for the tactic: mitre_ and the
// shortname with - as _.
func (t *Tactic) Tag() string { return TacticTag(t.Shortname) }

// TechniqueURL returns the attack.mitre.org page of a technique ID;
// sub-techniques live under their parent's path.
func TechniqueURL(id string) string {
	for i := 0; i < len(id); i++ {
		if id[i] == '.' {
			return "https://attack.mitre.org/techniques/" + id[:i] + "/" + id[i+1:] + "/"
		}
	}
	return "https://attack.mitre.org/techniques/" + id + "/"
}

// TacticTag turns a tactic shortname into its Falco tag.
func TacticTag(shortname string) string {
	b := []byte("mitre_" + shortname)
	for i := range b {
		if b[i] == '-' {
			b[i] = '_'
		}
	}
	return string(b)
}

// index builds the lookup maps; every constructor calls it.
func (c *Catalog) index() {
	c.byID = make(map[string]*Technique, len(c.Techniques))
	for _, t := range c.Techniques {
		// ATT&CK has reused an ID for a revoked object and its live
		// successor; the live one wins.
		if old, ok := c.byID[t.ID]; ok && !old.Revoked && t.Revoked {
			continue
		}
		c.byID[t.ID] = t
	}
	c.tacticByID = make(map[string]*Tactic, len(c.Tactics))
	c.tacticShort = make(map[string]*Tactic, len(c.Tactics))
	for _, t := range c.Tactics {
		c.tacticByID[t.ID] = t
		// Should a deprecated tactic share a shortname with a live one,
		// the tag means the live one.
		if old, ok := c.tacticShort[t.Shortname]; ok && !old.Deprecated && t.Deprecated {
			continue
		}
		c.tacticShort[t.Shortname] = t
	}
}

// Technique returns the technique with the given ID, or nil.
func (c *Catalog) Technique(id string) *Technique { return c.byID[id] }

// TacticByID returns the tactic with the given TA ID, or nil.
func (c *Catalog) TacticByID(id string) *Tactic { return c.tacticByID[id] }

// TacticByShortname returns the tactic with the given x_mitre_shortname
// ("privilege-escalation"), or nil.
func (c *Catalog) TacticByShortname(s string) *Tactic { return c.tacticShort[s] }

// SubTechniques returns the sub-techniques of the technique id, by ID.
func (c *Catalog) SubTechniques(id string) []*Technique {
	var subs []*Technique
	for _, t := range c.Techniques {
		if t.Parent == id {
			subs = append(subs, t)
		}
	}
	return subs
}

// Replacements follows revoked-by from a revoked technique to the live
// techniques that replace it, through chains, without looping on a cycle.
// It returns nil when t is not revoked or nothing live replaces it.
func (c *Catalog) Replacements(t *Technique) []*Technique {
	if t == nil || !t.Revoked {
		return nil
	}
	var out []*Technique
	seen := map[string]bool{t.ID: true}
	queue := append([]string(nil), t.RevokedBy...)
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		if seen[id] {
			continue
		}
		seen[id] = true
		n := c.byID[id]
		switch {
		case n == nil:
		case n.Revoked:
			queue = append(queue, n.RevokedBy...)
		default:
			out = append(out, n)
		}
	}
	return out
}
