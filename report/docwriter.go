package report

import (
	"bufio"
	"io"
)

// newDocWriter buffers a coverage document on its way out. Building a
// Markdown one whole in memory first copied tens of megabytes each time
// it grew, and kept them alive until written; the HTML template writes
// piece by piece, each a system call on a file.
func newDocWriter(w io.Writer) *bufio.Writer {
	return bufio.NewWriterSize(w, 64<<10)
}
