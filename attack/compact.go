package attack

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// CompactFormat is the version of the compact catalog encoding that
// MarshalCompact writes and DecodeCompact reads. Adding an optional member
// keeps it; changing what a member means bumps it, and so does adding one
// whose absence an older file would wrongly assert: a catalog without
// "analytics" says the release has none, so format 2 files, which never
// carried them, must be rebuilt (the dataset cache does so by format).
const CompactFormat = 3

// AttackNotice is the attribution every compact catalog carries, as
// ATT&CK's terms of use ask of anything that reproduces it.
const AttackNotice = "Facts derived from MITRE ATT&CK®, https://attack.mitre.org/. " +
	"ATT&CK is © The MITRE Corporation, reproduced and distributed under its terms of use: " +
	"https://attack.mitre.org/resources/legal-and-branding/terms-of-use/"

// MarshalCompact encodes the catalog's facts as JSON, one tactic or
// technique per line so that a new ATT&CK release reads as a short diff.
// The output depends only on the catalog: no timestamps, no map order.
//
// The layout, with members left out when empty or false:
//
//	{"format":1,"domain":"enterprise-attack","version":"18.1",
//	"notice":"...",
//	"tactics":[
//	{"id":"TA0043","name":"Reconnaissance","shortname":"reconnaissance"},
//	...],
//	"mitigations":[
//	{"id":"M1038","name":"Execution Prevention"},
//	...],
//	"data_components":[
//	{"id":"DC0032","name":"Process Creation","data_source":"Process"},
//	...],
//	"techniques":[
//	{"id":"T1059.004","name":"Unix Shell","tactics":["execution"],"parent":"T1059",
//	 "revoked":true,"deprecated":true,"revoked_by":[...],"platforms":[...],
//	 "mitigations":["M1038"],"data_components":["DC0032"]},
//	...]}
//
// Format 2 replaced format 1's data_sources with the two tables.
//
// It refuses a catalog that DecodeCompact would reject.
func (c *Catalog) MarshalCompact() ([]byte, error) {
	if err := c.checkCompact(); err != nil {
		return nil, err
	}
	b := make([]byte, 0, 160*len(c.Techniques)+1024)
	b = append(b, `{"format":`...)
	b = strconv.AppendInt(b, CompactFormat, 10)
	b = appendMember(b, ",", "domain", c.Domain)
	b = appendMember(b, ",", "version", c.Version)
	b = appendMember(b, ",\n", "notice", AttackNotice)
	b = append(b, ",\n\"tactics\":["...)
	for i, t := range c.Tactics {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendMember(b, "\n{", "id", t.ID)
		b = appendMember(b, ",", "name", t.Name)
		b = appendMember(b, ",", "shortname", t.Shortname)
		if t.Deprecated {
			b = append(b, `,"deprecated":true`...)
		}
		b = append(b, '}')
	}
	b = append(b, "],\n\"mitigations\":["...)
	for i, m := range c.Mitigations {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendMember(b, "\n{", "id", m.ID)
		b = appendMember(b, ",", "name", m.Name)
		b = append(b, '}')
	}
	b = append(b, "],\n\"data_components\":["...)
	for i, d := range c.DataComponents {
		if i > 0 {
			b = append(b, ',')
		}
		sep := "\n{"
		if d.ID != "" {
			b = appendMember(b, sep, "id", d.ID)
			sep = ","
		}
		b = appendMember(b, sep, "name", d.Name)
		if d.DataSource != "" {
			b = appendMember(b, ",", "data_source", d.DataSource)
		}
		b = append(b, '}')
	}
	b = append(b, "],\n\"log_sources\":["...)
	sources := c.logSourceTable()
	index := make(map[LogSource]int, len(sources))
	for i, ls := range sources {
		index[ls] = i
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n["...)
		b = appendJSONString(b, ls.Name)
		b = append(b, ',')
		b = appendJSONString(b, ls.Channel)
		b = append(b, ',')
		b = appendJSONString(b, ls.Component)
		b = append(b, ']')
	}
	b = append(b, "],\n\"techniques\":["...)
	for i, t := range c.Techniques {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendMember(b, "\n{", "id", t.ID)
		b = appendMember(b, ",", "name", t.Name)
		b = appendList(b, "tactics", t.Tactics)
		if t.Parent != "" {
			b = appendMember(b, ",", "parent", t.Parent)
		}
		if t.Revoked {
			b = append(b, `,"revoked":true`...)
		}
		if t.Deprecated {
			b = append(b, `,"deprecated":true`...)
		}
		b = appendList(b, "revoked_by", t.RevokedBy)
		b = appendList(b, "platforms", t.Platforms)
		b = appendList(b, "mitigations", t.Mitigations)
		b = appendList(b, "data_components", t.DataComponents)
		b = appendAnalytics(b, t.Analytics, index)
		b = append(b, '}')
	}
	b = append(b, "]}\n"...)
	return b, nil
}

// logSourceTable returns every distinct log source of c's analytics,
// sorted, so that the encoding does not depend on which technique comes
// first.
func (c *Catalog) logSourceTable() []LogSource {
	seen := map[LogSource]bool{}
	var out []LogSource
	for _, t := range c.Techniques {
		for _, a := range t.Analytics {
			for _, ls := range a.LogSources {
				if !seen[ls] {
					seen[ls] = true
					out = append(out, ls)
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b LogSource) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.Channel, b.Channel), strings.Compare(a.Component, b.Component))
	})
	return out
}

// appendAnalytics appends ,"analytics":[...] unless list is empty, each
// log source as its index in the table.
func appendAnalytics(b []byte, list []Analytic, index map[LogSource]int) []byte {
	if len(list) == 0 {
		return b
	}
	b = append(b, `,"analytics":[`...)
	for i, a := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendMember(b, "{", "id", a.ID)
		if a.Strategy != "" {
			b = appendMember(b, ",", "strategy", a.Strategy)
		}
		b = appendList(b, "platforms", a.Platforms)
		b = append(b, `,"log_sources":[`...)
		for j, ls := range a.LogSources {
			if j > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, int64(index[ls]), 10)
		}
		b = append(b, "]}"...)
	}
	return append(b, ']')
}

// checkCompact holds MarshalCompact to what DecodeCompact accepts.
func (c *Catalog) checkCompact() error {
	if !slices.Contains(knownDomains, c.Domain) {
		return fmt.Errorf("encoding ATT&CK catalog: unknown domain %q", c.Domain)
	}
	if c.Version == "" {
		return fmt.Errorf("encoding ATT&CK catalog: no version")
	}
	if len(c.Tactics) == 0 {
		return fmt.Errorf("encoding ATT&CK catalog %s %s: no tactics", c.Domain, c.Version)
	}
	for _, t := range c.Tactics {
		if t == nil || t.ID == "" || t.Shortname == "" {
			return fmt.Errorf("encoding ATT&CK catalog %s %s: a tactic has no ID or shortname", c.Domain, c.Version)
		}
	}
	for _, t := range c.Techniques {
		if t == nil || t.ID == "" {
			return fmt.Errorf("encoding ATT&CK catalog %s %s: a technique has no ID", c.Domain, c.Version)
		}
	}
	return nil
}

// appendMember appends sep, then "key":"value".
func appendMember(b []byte, sep, key, value string) []byte {
	b = append(b, sep...)
	b = appendJSONString(b, key)
	b = append(b, ':')
	return appendJSONString(b, value)
}

// appendList appends ,"key":[...] unless list is empty.
func appendList(b []byte, key string, list []string) []byte {
	if len(list) == 0 {
		return b
	}
	b = append(b, ',')
	b = appendJSONString(b, key)
	b = append(b, ":["...)
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

// appendJSONString quotes s as JSON. Unlike encoding/json it leaves & < >
// alone: "ATT&CK" should read as such in the data file.
func appendJSONString(b []byte, s string) []byte {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\t':
			b = append(b, '\\', 't')
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
