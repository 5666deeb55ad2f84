package check

import (
	"fmt"
	"slices"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/evidence"
	"github.com/falcomitre/falcomitre/rules"
)

// Explanation is what falcomitre knows about a check code, a tag or an
// ATT&CK ID: the material a rule author reads to learn what a tag means.
type Explanation struct {
	Query   string `json:"query"`
	Dataset string `json:"attack"`
	// Check is set when the query is a check code.
	Check *Doc `json:"check,omitempty"`
	// Canonical are the canonical tags a tag stands for.
	Canonical []string `json:"canonical,omitempty"`
	// Note says how the query was read when that is not obvious.
	Note       string           `json:"note,omitempty"`
	Tactics    []TacticFacts    `json:"tactics,omitempty"`
	Techniques []TechniqueFacts `json:"techniques,omitempty"`
	// Former is what a tag that names nothing in this release meant in
	// the newest older embedded release that knew it.
	Former *FormerFacts `json:"former,omitempty"`
}

// FormerFacts is a tactic or technique as an older release had it.
type FormerFacts struct {
	Dataset string `json:"attack"`
	ID      string `json:"id"`
	Name    string `json:"name"`
	URL     string `json:"url"`
}

// TacticFacts describes a tactic.
type TacticFacts struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Tag        string `json:"tag"`
	URL        string `json:"url"`
	Techniques int    `json:"techniques"` // live techniques and sub-techniques
}

// TechniqueRef names a technique.
type TechniqueRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// TechniqueFacts describes a technique.
type TechniqueFacts struct {
	ID      string        `json:"id"`
	Name    string        `json:"name"`
	URL     string        `json:"url"`
	Tactics []TacticFacts `json:"tactics"`
	// RetiredTactics are tags of tactics the technique names that this
	// release no longer has, as a revoked technique keeps its old ones.
	RetiredTactics []string       `json:"retired_tactics,omitempty"`
	Platforms      []string       `json:"platforms"`
	Parent         *TechniqueRef  `json:"parent,omitempty"`
	SubTechniques  []TechniqueRef `json:"sub_techniques,omitempty"`
	Revoked        bool           `json:"revoked,omitempty"`
	ReplacedBy     []TechniqueRef `json:"replaced_by,omitempty"`
	Deprecated     bool           `json:"deprecated,omitempty"`
	// Mitigations and DataComponents are what ATT&CK says prevents and
	// detects the technique.
	Mitigations    []DefenseRef `json:"mitigations,omitempty"`
	DataComponents []DefenseRef `json:"data_components,omitempty"`
	// Watch is what ATT&CK's analytics watch on the platforms Falco's
	// event sources run on (Linux, Containers, the cloud and identity
	// platforms), ATT&CK 18 and later.
	Watch []WatchFacts `json:"watch,omitempty"`
}

// WatchFacts is one analytic of a technique: where and what it watches.
type WatchFacts struct {
	Analytic   string           `json:"analytic"` // "AN1081"
	Platforms  []string         `json:"platforms"`
	URL        string           `json:"url"`
	LogSources []LogSourceFacts `json:"log_sources"`
}

// LogSourceFacts is a log, its channel and the data component it feeds.
type LogSourceFacts struct {
	Name      string      `json:"name"`              // "auditd:SYSCALL"
	Channel   string      `json:"channel,omitempty"` // "execve"
	Component *DefenseRef `json:"data_component,omitempty"`
}

// DefenseRef names a mitigation or a data component.
type DefenseRef struct {
	ID   string `json:"id,omitempty"` // "M1038", "DC0032"; older data components have none
	Name string `json:"name"`
	// DataSource is a data component's source, before ATT&CK 18.
	DataSource string `json:"data_source,omitempty"`
	URL        string `json:"url,omitempty"`
}

// Explain answers a query: a check code (unknown-technique), an ATT&CK ID
// (T1611, TA0004) or a tag in any spelling the checks understand
// (mitre_privilege_escalation, "mitre account manipulation").
func Explain(cat *attack.Catalog, query string) (*Explanation, error) {
	e := &Explanation{Query: query, Dataset: cat.Domain + " " + cat.Version}
	if c := Lookup(query); c != nil {
		d := c.Doc
		e.Check = &d
		return e, nil
	}
	p := &Pass{Catalog: cat, names: namesFor(cat)}
	t := &TagInfo{Tag: rules.Tag{Value: query}}
	if !p.resolve(t) {
		return nil, fmt.Errorf("%q is neither a check code nor an ATT&CK tag or ID", query)
	}
	if t.Unknown {
		if h := history(cat, t); h != nil {
			e.Note = h.note
			e.Former = h.former
			if h.now != nil {
				e.Tactics = append(e.Tactics, tacticFacts(cat, h.now))
			}
			return e, nil
		}
		msg := fmt.Sprintf("%q names nothing in %s", query, e.Dataset)
		if len(t.Hint) > 0 {
			msg += fmt.Sprintf("; did you mean %s?", t.Hint[0])
		}
		return nil, fmt.Errorf("%s", msg)
	}
	e.Canonical = t.Canonical
	if !t.Ref.Canonical {
		e.Note = fmt.Sprintf("%q is not canonical; it stands for %s", query, andList(t.Canonical))
	}
	for _, tac := range t.Tactics {
		e.Tactics = append(e.Tactics, tacticFacts(cat, tac))
	}
	if t.Technique != nil {
		e.Techniques = append(e.Techniques, p.techniqueFacts(t.Technique))
	}
	return e, nil
}

func tacticFacts(cat *attack.Catalog, tac *attack.Tactic) TacticFacts {
	n := 0
	for _, t := range cat.Techniques {
		if t.Revoked || t.Deprecated {
			continue
		}
		for _, s := range t.Tactics {
			if s == tac.Shortname {
				n++
			}
		}
	}
	return TacticFacts{ID: tac.ID, Name: tac.Name, Tag: tac.Tag(), URL: tac.URL(), Techniques: n}
}

func (p *Pass) techniqueFacts(t *attack.Technique) TechniqueFacts {
	f := TechniqueFacts{
		ID: t.ID, Name: t.Name, URL: t.URL(),
		Platforms:  nonNil(t.Platforms),
		Revoked:    t.Revoked,
		Deprecated: t.Deprecated,
		Tactics:    []TacticFacts{},
	}
	for _, tac := range p.tacticsOf(t) {
		f.Tactics = append(f.Tactics, tacticFacts(p.Catalog, tac))
	}
	for _, s := range t.Tactics {
		if p.Catalog.TacticByShortname(s) == nil {
			f.RetiredTactics = append(f.RetiredTactics, attack.TacticTag(s))
		}
	}
	if pt := p.Catalog.Technique(t.Parent); t.Parent != "" && pt != nil {
		f.Parent = &TechniqueRef{pt.ID, pt.Name}
	}
	for _, s := range p.Catalog.SubTechniques(t.ID) {
		if !s.Revoked && !s.Deprecated {
			f.SubTechniques = append(f.SubTechniques, TechniqueRef{s.ID, s.Name})
		}
	}
	for _, r := range p.Catalog.Replacements(t) {
		f.ReplacedBy = append(f.ReplacedBy, TechniqueRef{r.ID, r.Name})
	}
	for _, id := range t.Mitigations {
		if m := p.Catalog.Mitigation(id); m != nil {
			f.Mitigations = append(f.Mitigations, DefenseRef{ID: m.ID, Name: m.Name, URL: m.URL()})
		}
	}
	for _, k := range t.DataComponents {
		if d := p.Catalog.DataComponent(k); d != nil {
			f.DataComponents = append(f.DataComponents, DefenseRef{ID: d.ID, Name: d.Name, DataSource: d.DataSource, URL: d.URL()})
		}
	}
	f.Watch = p.watchFacts(t)
	return f
}

// watchFacts lists t's analytics on the platforms of Falco's event
// sources, in the order of those platforms (Linux and Containers first).
func (p *Pass) watchFacts(t *attack.Technique) []WatchFacts {
	var plats []string
	// Sources in this order put Linux and Containers first, then the
	// cloud and identity platforms.
	for _, src := range []string{"syscall", "k8s_audit", "aws_cloudtrail", "okta", "github"} {
		for _, pl := range evidence.SourcePlatforms(p.Catalog, src) {
			if !slices.Contains(plats, pl) {
				plats = append(plats, pl)
			}
		}
	}
	var out []WatchFacts
	for _, pl := range plats {
		for i := range t.Analytics {
			a := &t.Analytics[i]
			if len(a.Platforms) == 0 || a.Platforms[0] != pl {
				continue
			}
			w := WatchFacts{Analytic: a.ID, Platforms: a.Platforms, URL: a.URL()}
			for _, ls := range a.LogSources {
				lf := LogSourceFacts{Name: ls.Name, Channel: ls.Channel}
				if d := p.Catalog.DataComponent(ls.Component); d != nil {
					lf.Component = &DefenseRef{ID: d.ID, Name: d.Name, DataSource: d.DataSource, URL: d.URL()}
				}
				w.LogSources = append(w.LogSources, lf)
			}
			out = append(out, w)
		}
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
