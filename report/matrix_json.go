package report

import (
	"bufio"
	"encoding/json"
	"strings"

	"github.com/falcomitre/falcomitre/coverage"
)

// writeJSON writes the page's data as html/template prints it: the bytes
// of json.Marshal, which already escape <, >, & and the line separators
// a script must not hold, so that as template.JS they print the same.
// The rules and the cells, most of a large page, are written by hand;
// marshalled, they were tens of megabytes in memory. The rest is
// marshalled. TestMatrixDataJSON holds the two alike.
func (d *matrixData) writeJSON(b *bufio.Writer) error {
	if len(d.rules) == 0 {
		b.WriteString(`{"rules":null`)
	} else {
		b.WriteString(`{"rules":[`)
		for i, r := range d.rules {
			if i > 0 {
				b.WriteByte(',')
			}
			writeRuleJSON(b, r)
		}
		b.WriteByte(']')
	}
	if err := marshalMember(b, "techniques", d.Techniques); err != nil {
		return err
	}
	b.WriteString(`,"cells":`)
	writeCellsJSON(b, d.cells)
	for _, f := range []struct {
		name string
		v    any
	}{
		{"mitigations", d.Mitigations}, {"components", d.Components}, {"tactics", d.Tactics},
		{"levels", d.Levels}, {"watch_on", d.WatchOn},
	} {
		if err := marshalMember(b, f.name, f.v); err != nil {
			return err
		}
	}
	b.WriteByte('}')
	return nil
}

// marshalMember writes ,"name": and v marshalled.
func marshalMember(b *bufio.Writer, name string, v any) error {
	js, err := json.Marshal(v)
	if err != nil {
		return err
	}
	b.WriteString(`,"`)
	b.WriteString(name)
	b.WriteString(`":`)
	b.Write(js)
	return nil
}

// checksURLJSON is where DocURL puts the checks' pages, escaped once
// for a JSON string.
var checksURLJSON = func() string {
	js, _ := json.Marshal(ProjectURL + "/blob/main/docs/checks/")
	return string(js[1 : len(js)-1])
}()

// writeRuleJSON writes what the script reads of a rule: json.Marshal's
// bytes for
//
//	{"name", "maturity", "source", "priority", "enabled",
//	 "where": "file:line" or "", "desc": trimmed,
//	 "findings": [{"code", "severity", "message", "url"}] when any}
func writeRuleJSON(b *bufio.Writer, r *coverage.Rule) {
	b.WriteString(`{"name":`)
	writeJSONString(b, r.Name, jsonHTML)
	b.WriteString(`,"maturity":`)
	writeJSONString(b, r.Maturity, jsonHTML)
	b.WriteString(`,"source":`)
	writeJSONString(b, r.Source, jsonHTML)
	b.WriteString(`,"priority":`)
	writeJSONString(b, r.Priority, jsonHTML)
	b.WriteString(`,"enabled":`)
	writeJSONBool(b, r.Enabled)
	b.WriteString(`,"where":"`)
	if r.File != "" {
		writeJSONChars(b, r.File, jsonHTML)
		b.WriteByte(':')
		writeInt(b, r.Line)
	}
	b.WriteString(`","desc":`)
	writeJSONString(b, strings.TrimSpace(r.Desc), jsonHTML)
	for i := range r.Findings {
		f := &r.Findings[i]
		if i == 0 {
			b.WriteString(`,"findings":[`)
		} else {
			b.WriteByte(',')
		}
		b.WriteString(`{"code":`)
		writeJSONString(b, f.Code, jsonHTML)
		b.WriteString(`,"severity":`)
		writeJSONString(b, f.Severity.String(), jsonHTML)
		b.WriteString(`,"message":`)
		writeJSONString(b, f.Message, jsonHTML)
		b.WriteString(`,"url":"`)
		b.WriteString(checksURLJSON)
		writeJSONChars(b, f.Code, jsonHTML)
		b.WriteString(`.md"}`)
		if i == len(r.Findings)-1 {
			b.WriteByte(']')
		}
	}
	b.WriteByte('}')
}
