package dataset

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
)

// maxRedirects bounds redirect chains; GitHub's raw URLs need one at most,
// so ten means a loop.
const maxRedirects = 10

// errTimeout is the cause of a download's own deadline, told apart from a
// caller's cancellation.
var errTimeout = errors.New("download timed out")

// checkHTTPS refuses anything but an https URL with a host: ATT&CK data
// decides what a check reports, so it must not be open to tampering on
// the way.
func checkHTTPS(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("invalid URL %q: %w", raw, err)
	}
	if u.Scheme != "https" {
		return nil, fmt.Errorf("refusing %q: only https:// URLs are downloaded", raw)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("invalid URL %q: no host", raw)
	}
	return u, nil
}

// httpClient returns a copy of the configured client whose redirect
// policy keeps to HTTPS and stops loops.
func (c *Client) httpClient() *http.Client {
	hc := http.DefaultClient
	if c.HTTP != nil {
		hc = c.HTTP
	}
	cp := *hc
	cp.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= maxRedirects {
			return fmt.Errorf("stopped after %d redirects (a redirect loop?)", maxRedirects)
		}
		if req.URL.Scheme != "https" {
			return fmt.Errorf("refusing a redirect to %q: only https:// URLs are downloaded", req.URL.Redacted())
		}
		return nil
	}
	return &cp
}

// fetch downloads raw into memory, whole or not at all: the caller
// verifies the bytes before anything reaches the cache.
func (c *Client) fetch(ctx context.Context, raw string) ([]byte, error) {
	u, err := checkHTTPS(raw)
	if err != nil {
		return nil, err
	}
	limit := c.timeout()
	ctx, cancel := context.WithTimeoutCause(ctx, limit, errTimeout)
	defer cancel()
	fail := func(err error) error {
		if errors.Is(context.Cause(ctx), errTimeout) {
			return fmt.Errorf("downloading %s: timed out after %s", raw, limit)
		}
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL is named already
		}
		return fmt.Errorf("downloading %s: %w", raw, err)
	}

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, raw, nil)
	if err != nil {
		return nil, fmt.Errorf("downloading %s: %w", raw, err)
	}
	resp, err := c.httpClient().Do(req)
	if err != nil {
		return nil, fail(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("downloading %s: the server answered %s", raw, resp.Status)
	}
	max := c.maxBytes()
	if resp.ContentLength > max {
		return nil, fmt.Errorf("downloading %s: %d bytes is more than the limit of %d", raw, resp.ContentLength, max)
	}

	var buf bytes.Buffer
	if resp.ContentLength > 0 {
		buf.Grow(int(resp.ContentLength))
	}
	meter := newProgress(c.Progress, path.Base(u.Path), resp.ContentLength)
	defer meter.done()
	n, err := buf.ReadFrom(meter.reader(io.LimitReader(resp.Body, max+1)))
	if err != nil {
		return nil, fail(fmt.Errorf("connection cut after %d bytes: %w", n, err))
	}
	if n > max {
		return nil, fmt.Errorf("downloading %s: more than the limit of %d bytes", raw, max)
	}
	if resp.ContentLength >= 0 && n != resp.ContentLength {
		return nil, fmt.Errorf("downloading %s: truncated: got %d of %d bytes", raw, n, resp.ContentLength)
	}
	return buf.Bytes(), nil
}
