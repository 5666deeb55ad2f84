// Package cdp drives a headless Chromium through the Chrome DevTools
// Protocol (https://chromedevtools.github.io/devtools-protocol/), for the
// tests of the pages falcomitre writes. It speaks the protocol over
// --remote-debugging-pipe (requests on file descriptor 3, replies on 4,
// each message JSON ended by a NUL byte), which needs neither a port nor
// a WebSocket library: the few calls a test makes do not justify a
// dependency.
package cdp

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"time"
)

// Names are the browser commands Find looks for on PATH, in order.
var Names = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"}

// Find returns the path of a Chromium-family browser: $FALCOMITRE_CHROMIUM
// when set, else the first of Names on PATH.
func Find() (string, error) {
	if p := os.Getenv("FALCOMITRE_CHROMIUM"); p != "" {
		return exec.LookPath(p)
	}
	for _, n := range Names {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no Chromium on PATH (looked for %v; set FALCOMITRE_CHROMIUM to use another)", Names)
}

// Browser is a running headless browser.
type Browser struct {
	cmd    *exec.Cmd
	toB    io.WriteCloser
	stderr *lockedBuffer
	dir    string

	mu      sync.Mutex
	nextID  int
	pending map[int]chan reply
	err     error // why the reader stopped
	done    chan struct{}
}

type reply struct {
	Result json.RawMessage
	Err    *protocolError
}

type protocolError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (e *protocolError) Error() string { return fmt.Sprintf("%s (code %d)", e.Message, e.Code) }

// Start runs the browser at path headless, with a throwaway profile.
func Start(path string) (*Browser, error) {
	dir, err := os.MkdirTemp("", "falcomitre-chromium-")
	if err != nil {
		return nil, err
	}
	cmdR, cmdW, err := os.Pipe() // we write requests, the browser reads fd 3
	if err != nil {
		return nil, err
	}
	outR, outW, err := os.Pipe() // the browser writes replies on fd 4
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(path,
		"--headless", "--remote-debugging-pipe", "--user-data-dir="+dir,
		// Containers and CI runners have no user namespaces for the
		// sandbox and a small /dev/shm.
		"--no-sandbox", "--disable-dev-shm-usage",
		"--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
		"--hide-scrollbars", "--mute-audio", "--force-color-profile=srgb", "--lang=en-US",
		"about:blank")
	cmd.ExtraFiles = []*os.File{cmdR, outW}
	stderr := &lockedBuffer{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	cmdR.Close()
	outW.Close()
	b := &Browser{cmd: cmd, toB: cmdW, stderr: stderr, dir: dir, pending: map[int]chan reply{}, done: make(chan struct{})}
	go b.read(outR)
	return b, nil
}

// read dispatches the browser's replies to their callers; events are
// dropped, since the tests poll the page instead.
func (b *Browser) read(r io.ReadCloser) {
	defer r.Close()
	br := bufio.NewReader(r)
	var err error
	for {
		var msg []byte
		msg, err = br.ReadBytes(0)
		if err != nil {
			break
		}
		var m struct {
			ID     int             `json:"id"`
			Result json.RawMessage `json:"result"`
			Error  *protocolError  `json:"error"`
		}
		if json.Unmarshal(msg[:len(msg)-1], &m) != nil || m.ID == 0 {
			continue
		}
		b.mu.Lock()
		ch := b.pending[m.ID]
		delete(b.pending, m.ID)
		b.mu.Unlock()
		if ch != nil {
			ch <- reply{Result: m.Result, Err: m.Error}
		}
	}
	b.mu.Lock()
	b.err = fmt.Errorf("browser closed its pipe: %v", err)
	b.mu.Unlock()
	close(b.done)
}

// Call sends one command, in a page's session when session is not "",
// and decodes its result into result when that is not nil.
func (b *Browser) Call(ctx context.Context, session, method string, params, result any) error {
	b.mu.Lock()
	if b.err != nil {
		b.mu.Unlock()
		return b.err
	}
	b.nextID++
	id := b.nextID
	ch := make(chan reply, 1)
	b.pending[id] = ch
	b.mu.Unlock()
	msg := map[string]any{"id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if session != "" {
		msg["sessionId"] = session
	}
	data, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	if _, err := b.toB.Write(append(data, 0)); err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	select {
	case r := <-ch:
		if r.Err != nil {
			return fmt.Errorf("%s: %w", method, r.Err)
		}
		if result != nil {
			return json.Unmarshal(r.Result, result)
		}
		return nil
	case <-b.done:
		return fmt.Errorf("%s: %w", method, b.err)
	case <-ctx.Done():
		return fmt.Errorf("%s: %w", method, ctx.Err())
	}
}

// Close asks the browser to quit, waits for it (killing it when it does
// not quit in time) and removes its profile.
func (b *Browser) Close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	b.Call(ctx, "", "Browser.close", nil, nil) // it may quit before replying
	b.toB.Close()
	waited := make(chan struct{})
	go func() {
		b.cmd.Wait()
		close(waited)
	}()
	select {
	case <-waited:
	case <-time.After(5 * time.Second):
		b.cmd.Process.Kill()
		<-waited
	}
	os.RemoveAll(b.dir)
}

// Stderr is what the browser wrote to its standard error so far, for a
// failing test's log.
func (b *Browser) Stderr() string { return b.stderr.String() }

// lockedBuffer is a bytes.Buffer that the process's copier and Stderr
// may use at once.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}
