package dataset

import (
	"cmp"
	"io"
	"net/http"
	"time"
)

// Defaults for a Client's zero fields. Enterprise STIX 2.1 bundles are
// about 45 MB, so the size limit leaves room for growth while still
// stopping a server that sends without end.
const (
	DefaultTimeout  = 2 * time.Minute
	DefaultMaxBytes = 512 << 20
)

// Client finds ATT&CK datasets. Its zero value downloads with
// http.DefaultClient into the user's cache.
type Client struct {
	// HTTP makes the requests; nil means http.DefaultClient. Its redirect
	// policy is replaced by one that allows only HTTPS and few hops.
	HTTP *http.Client
	// Timeout bounds each download as a whole; 0 means DefaultTimeout.
	Timeout time.Duration
	// MaxBytes bounds each download's body; 0 means DefaultMaxBytes.
	MaxBytes int64
	// Progress, when not nil, receives a one-line progress meter redrawn
	// with \r; give it a terminal only.
	Progress io.Writer
	// Cache is where downloads are kept.
	Cache Cache
	// IndexURL is MITRE's release index; "" means DefaultIndexURL.
	IndexURL string
}

// timeout returns the download time limit in force.
func (c *Client) timeout() time.Duration { return cmp.Or(c.Timeout, DefaultTimeout) }

// maxBytes returns the download size limit in force.
func (c *Client) maxBytes() int64 { return cmp.Or(c.MaxBytes, DefaultMaxBytes) }

// indexURL returns the release index's URL in force.
func (c *Client) indexURL() string { return cmp.Or(c.IndexURL, DefaultIndexURL) }
