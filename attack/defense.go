package attack

import (
	"slices"
	"strings"
)

// Mitigation is an ATT&CK mitigation (a course-of-action with an M ID).
type Mitigation struct {
	ID   string // "M1038"
	Name string // "Execution Prevention"
}

// URL returns the mitigation's page on attack.mitre.org.
func (m *Mitigation) URL() string { return "https://attack.mitre.org/mitigations/" + m.ID + "/" }

// DataComponent is what a detection observes, such as Process Creation.
// Before ATT&CK 18 a component belonged to a data source and had no ID of
// its own; from 18 on it has a DC ID and the data sources are gone.
type DataComponent struct {
	ID         string `json:",omitempty"` // "DC0032", from ATT&CK 18
	Name       string // "Process Creation"
	DataSource string `json:",omitempty"` // "Process", before ATT&CK 18
}

// Key names the component in Technique.DataComponents: its ID, else
// "Data Source: Name" as ATT&CK wrote x_mitre_data_sources.
func (d *DataComponent) Key() string {
	switch {
	case d.ID != "":
		return d.ID
	case d.DataSource != "":
		return d.DataSource + ": " + d.Name
	}
	return d.Name
}

// URL returns the component's page on attack.mitre.org, or "" for the
// components of older releases, which had no page of their own.
func (d *DataComponent) URL() string {
	if d.ID == "" {
		return ""
	}
	return "https://attack.mitre.org/datacomponents/" + d.ID + "/"
}

// Mitigation returns the mitigation with the given ID, or nil.
func (c *Catalog) Mitigation(id string) *Mitigation {
	i, ok := slices.BinarySearchFunc(c.Mitigations, id, func(m *Mitigation, id string) int { return strings.Compare(m.ID, id) })
	if !ok {
		return nil
	}
	return c.Mitigations[i]
}

// DataComponent returns the data component with the given Key, or nil.
func (c *Catalog) DataComponent(key string) *DataComponent {
	i, ok := slices.BinarySearchFunc(c.DataComponents, key, func(d *DataComponent, k string) int { return strings.Compare(d.Key(), k) })
	if !ok {
		return nil
	}
	return c.DataComponents[i]
}
