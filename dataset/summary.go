package dataset

import "github.com/falcomitre/falcomitre/attack"

// Summary is what `falcomitre attack show` prints of one dataset.
type Summary struct {
	Domain  string          `json:"domain"`
	Version string          `json:"version"`
	Source  string          `json:"source"`
	Tactics []TacticSummary `json:"tactics"`
	// Live techniques and sub-techniques: neither revoked nor deprecated.
	Techniques    int `json:"techniques"`
	SubTechniques int `json:"sub_techniques"`
	Revoked       int `json:"revoked"`
	// Deprecated counts deprecated techniques that are not also revoked.
	Deprecated     int `json:"deprecated"`
	Mitigations    int `json:"mitigations"`
	DataComponents int `json:"data_components"`
}

// TacticSummary is one tactic of a Summary, with its live techniques.
type TacticSummary struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	Tag           string `json:"tag"`
	Deprecated    bool   `json:"deprecated,omitempty"`
	Techniques    int    `json:"techniques"`
	SubTechniques int    `json:"sub_techniques"`
}

// Summarize counts a catalog's contents, tactics in matrix order.
func Summarize(cat *attack.Catalog) Summary {
	s := Summary{
		Domain:         cat.Domain,
		Version:        cat.Version,
		Source:         cat.Source,
		Tactics:        make([]TacticSummary, len(cat.Tactics)),
		Mitigations:    len(cat.Mitigations),
		DataComponents: len(cat.DataComponents),
	}
	byShort := make(map[string]*TacticSummary, len(cat.Tactics))
	for i, t := range cat.Tactics {
		s.Tactics[i] = TacticSummary{ID: t.ID, Name: t.Name, Tag: t.Tag(), Deprecated: t.Deprecated}
		if _, ok := byShort[t.Shortname]; !ok || !t.Deprecated {
			byShort[t.Shortname] = &s.Tactics[i]
		}
	}
	for _, t := range cat.Techniques {
		switch {
		case t.Revoked:
			s.Revoked++
			continue
		case t.Deprecated:
			s.Deprecated++
			continue
		case t.Parent != "":
			s.SubTechniques++
		default:
			s.Techniques++
		}
		for _, short := range t.Tactics {
			if ts := byShort[short]; ts == nil {
				continue
			} else if t.Parent != "" {
				ts.SubTechniques++
			} else {
				ts.Techniques++
			}
		}
	}
	return s
}
