package dataset

import (
	"fmt"
	"io"
	"time"
)

// progressEvery throttles redraws: a fast link would otherwise spend more
// on the terminal than on the download.
const progressEvery = 100 * time.Millisecond

// progress draws "name: 12.3 / 45.0 MB" on one line, redrawn with \r.
// A nil writer makes it silent.
type progress struct {
	w     io.Writer
	name  string
	total int64 // -1 when the server did not say
	n     int64
	last  time.Time
}

// newProgress returns a meter for a download of total bytes (-1: unknown).
func newProgress(w io.Writer, name string, total int64) *progress {
	return &progress{w: w, name: name, total: total}
}

// reader counts what passes through r.
func (p *progress) reader(r io.Reader) io.Reader {
	if p.w == nil {
		return r
	}
	return io.TeeReader(r, p)
}

// Write counts bytes and redraws at most every progressEvery.
func (p *progress) Write(b []byte) (int, error) {
	p.n += int64(len(b))
	if now := time.Now(); now.Sub(p.last) >= progressEvery {
		p.last = now
		p.draw()
	}
	return len(b), nil
}

// draw writes the current line over the previous one.
func (p *progress) draw() {
	if p.total >= 0 {
		fmt.Fprintf(p.w, "\rdownloading %s: %s / %s", p.name, megabytes(p.n), megabytes(p.total))
	} else {
		fmt.Fprintf(p.w, "\rdownloading %s: %s", p.name, megabytes(p.n))
	}
}

// done draws the final count and ends the line, so that whatever is
// printed next, an error included, starts on its own line.
func (p *progress) done() {
	if p.w == nil {
		return
	}
	p.draw()
	fmt.Fprintln(p.w)
}

// megabytes formats a byte count for people.
func megabytes(n int64) string {
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}
