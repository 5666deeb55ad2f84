// Package fileread reads the files a run is given with the care untrusted
// input needs: regular files only, and no more than a limit.
package fileread

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
)

// Open is os.Open, replaced in tests to simulate unreadable files when
// they run as root, who can read any file.
var Open = os.Open

// Regular reads the regular file name, refusing one over limit bytes. A
// named pipe or a device is refused before it is opened: opening a FIFO
// blocks until something writes to it. Errors carry no file name; the
// caller places them.
func Regular(name string, limit int64) ([]byte, error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, unwrap(err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s)", kind(st.Mode()))
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("the file is %s, over the %s limit", Size(st.Size()), Size(limit))
	}
	f, err := Open(name)
	if err != nil {
		return nil, unwrap(err)
	}
	defer f.Close()
	// Sized from Stat, one byte over so that growth since is seen. A
	// plain read loop, not bytes.Buffer or io.ReadAll: both grow a full
	// buffer by doubling, and zeroing a fresh 66 MB for a 33 MB file cost
	// more than reading it.
	src := make([]byte, st.Size()+1)
	at := 0
	if st.Size() >= piecesMin && readPieces(f, src[:st.Size()]) {
		at = int(st.Size())
		if _, err := f.Seek(int64(at), io.SeekStart); err != nil {
			return nil, unwrap(err)
		}
	}
	n, err := readFull(io.LimitReader(f, limit+1-int64(at)), src[at:])
	n += at
	if err != nil {
		return nil, unwrap(err)
	}
	if n == len(src) {
		// The file grew since Stat; read the rest the slow way.
		rest, err := io.ReadAll(io.LimitReader(f, limit+1-int64(n)))
		if err != nil {
			return nil, unwrap(err)
		}
		src = append(src, rest...)
	} else {
		src = src[:n]
	}
	if int64(len(src)) > limit {
		return nil, fmt.Errorf("the file is over the %s limit", Size(limit))
	}
	return src, nil
}

// piecesMin is the size from which a file is read in pieces on every
// core: the kernel's copy into the buffer's fresh pages is most of a large
// read (a 33 MB file: 105 ms on one core), and it is the start of a load,
// when nothing else runs.
const piecesMin = 4 << 20

// readPieces fills buf from the start of f, a piece per core; false when
// a piece came short (the file shrank since Stat) or failed, and the
// caller reads it again the plain way.
func readPieces(f *os.File, buf []byte) bool {
	k := runtime.GOMAXPROCS(0)
	piece := (len(buf) + k - 1) / k
	var failed atomic.Bool
	var wg sync.WaitGroup
	for lo := 0; lo < len(buf); lo += piece {
		hi := min(lo+piece, len(buf))
		wg.Go(func() {
			if _, err := f.ReadAt(buf[lo:hi], int64(lo)); err != nil {
				failed.Store(true)
			}
		})
	}
	wg.Wait()
	return !failed.Load()
}

// readFull reads into buf until it is full or r ends, and says how much
// it read; unlike io.ReadFull, an early end is not an error.
func readFull(r io.Reader, buf []byte) (int, error) {
	n := 0
	for n < len(buf) {
		m, err := r.Read(buf[n:])
		n += m
		if err == io.EOF {
			break
		}
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// unwrap drops the operation and path of a *fs.PathError, which the
// caller's message already names, keeping the cause for errors.Is.
func unwrap(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// kind names what a non-regular file is.
func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a directory"
	}
	return "mode " + m.String()
}

// Size formats n bytes for a message: "64 MiB" for whole mebibytes,
// "100.0 MB" otherwise.
func Size(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}
