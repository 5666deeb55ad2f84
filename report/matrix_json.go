package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/falcomitre/falcomitre/internal/par"
)

// rulesChunk is how many rules one goroutine marshals at a time.
const rulesChunk = 1024

// matrixJSON is the page's data marshalled, in pieces that make it up
// when written one after the other: a large page's data is tens of
// megabytes, and joining the pieces, then printing them from the
// template, copied all of it twice.
type matrixJSON [][]byte

// writeTo writes the data.
func (j matrixJSON) writeTo(w io.Writer) error {
	for _, b := range j {
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

// String returns the data whole.
func (j matrixJSON) String() string {
	var b strings.Builder
	j.writeTo(&b)
	return b.String()
}

// marshal returns the page's data as html/template prints it, with the rules
// (most of a large page) marshalled on every core. The template prints
// json.Marshal's bytes unchanged, since they already escape <, >, & and
// the line separators a script must not hold: as template.JS they print
// the same. TestMatrixDataJSON holds the two alike.
func (d *matrixData) marshal() (matrixJSON, error) {
	if len(d.Rules) == 0 {
		b, err := json.Marshal(d)
		return matrixJSON{b}, err
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
		return nil, err
	}
	const head = `{"rules":null`
	if !bytes.HasPrefix(tail, []byte(head)) {
		return nil, fmt.Errorf("matrix data: rules are not the first field")
	}
	out := make(matrixJSON, 0, 2*len(chunks)+2)
	out = append(out, []byte(`{"rules":[`))
	for i, c := range chunks {
		if errs[i] != nil {
			return nil, errs[i]
		}
		if i > 0 {
			out = append(out, []byte{','})
		}
		out = append(out, c[1:len(c)-1]) // without the chunk's brackets
	}
	return append(out, []byte{']'}, tail[len(head):]), nil
}
