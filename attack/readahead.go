package attack

import (
	"io"
	"sync"
)

// readAhead runs an io.Reader on its own goroutine a few chunks ahead of
// the consumer. Gunzipping the enterprise bundle takes longer than
// skimming it, so on two cores the two overlap and loading costs little
// more than the gunzip alone.
type readAhead struct {
	full   chan chunk
	free   chan []byte
	done   chan struct{} // closed by Close
	exited chan struct{} // closed when the producer returns
	stop   sync.Once

	cur  []byte // unread part of the current chunk
	held []byte // the current chunk's buffer, to give back
	err  error  // error that ended the input, after cur
}

// chunk is one filled buffer and the error, if any, that ended it.
type chunk struct {
	b   []byte
	err error
}

// newReadAhead starts reading r into n buffers of size bytes. Close must
// be called to stop the goroutine when the consumer quits early.
func newReadAhead(r io.Reader, size, n int) *readAhead {
	ra := &readAhead{
		full:   make(chan chunk, n),
		free:   make(chan []byte, n),
		done:   make(chan struct{}),
		exited: make(chan struct{}),
	}
	for range n {
		ra.free <- make([]byte, size)
	}
	go ra.fill(r)
	return ra
}

// fill is the producer goroutine.
func (ra *readAhead) fill(r io.Reader) {
	defer close(ra.exited)
	for {
		var b []byte
		select {
		case b = <-ra.free:
		case <-ra.done:
			return
		}
		n := 0
		var err error
		// Not io.ReadFull: it would turn a gzip stream's own
		// io.ErrUnexpectedEOF (a truncated file) into a clean end.
		for n < len(b) && err == nil {
			var m int
			m, err = r.Read(b[n:])
			n += m
		}
		select {
		case ra.full <- chunk{b[:n], err}:
		case <-ra.done:
			return
		}
		if err != nil {
			return
		}
	}
}

// Read implements io.Reader.
func (ra *readAhead) Read(p []byte) (int, error) {
	for len(ra.cur) == 0 {
		if ra.err != nil {
			return 0, ra.err
		}
		if ra.held != nil {
			// Never blocks: free has room for every buffer.
			ra.free <- ra.held[:cap(ra.held)]
			ra.held = nil
		}
		c := <-ra.full
		ra.held, ra.cur, ra.err = c.b, c.b, c.err
	}
	n := copy(p, ra.cur)
	ra.cur = ra.cur[n:]
	return n, nil
}

// Close stops the producer and waits for it, so that the caller may close
// or reuse the underlying reader; it is safe to call more than once.
func (ra *readAhead) Close() error {
	ra.stop.Do(func() { close(ra.done) })
	<-ra.exited
	return nil
}
