package rulegen

import (
	"bufio"
	"io"
)

// newBuffered wraps w in a large buffer: Write makes many small writes.
func newBuffered(w io.Writer) *bufio.Writer { return bufio.NewWriterSize(w, 1<<20) }
