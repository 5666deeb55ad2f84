package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"strings"

	"github.com/falcomitre/falcomitre/internal/par"
)

// rulesChunk is how many rules one goroutine marshals at a time.
const rulesChunk = 1024

// marshal returns the page's data as html/template prints it, with the rules
// (most of a large page) marshalled on every core. The template prints
// json.Marshal's bytes unchanged, since they already escape <, >, & and
// the line separators a script must not hold: as template.JS they print
// the same. TestMatrixDataJSON holds the two alike.
func (d *matrixData) marshal() (template.JS, error) {
	if len(d.Rules) == 0 {
		b, err := json.Marshal(d)
		return template.JS(b), err
	}
	// The rest (the cells, mostly) is marshalled alongside the rules.
	rest := *d
	rest.Rules = nil
	var tail []byte
	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		tail, err = json.Marshal(&rest)
	}()
	chunks := make([][]byte, (len(d.Rules)+rulesChunk-1)/rulesChunk)
	errs := make([]error, len(chunks))
	par.Ranges(len(d.Rules), rulesChunk, func(_, lo, hi int) {
		chunks[lo/rulesChunk], errs[lo/rulesChunk] = json.Marshal(d.Rules[lo:hi])
	})
	<-done
	if err != nil {
		return "", err
	}
	const head = `{"rules":null`
	if !bytes.HasPrefix(tail, []byte(head)) {
		return "", fmt.Errorf("matrix data: rules are not the first field")
	}
	size := len(tail)
	for i, c := range chunks {
		if errs[i] != nil {
			return "", errs[i]
		}
		size += len(c)
	}
	var b strings.Builder // sized once: a large page's data is tens of megabytes
	b.Grow(size)
	b.WriteString(`{"rules":[`)
	for i, c := range chunks {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(c[1 : len(c)-1]) // without the chunk's brackets
	}
	b.WriteByte(']')
	b.Write(tail[len(head):])
	return template.JS(b.String()), nil
}
