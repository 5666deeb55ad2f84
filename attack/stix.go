package attack

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"

	"github.com/falcomitre/falcomitre/internal/fileread"
)

// Options gives what a bundle may not say about itself. The mitre/cti
// STIX 2.0 files carry no x-mitre-collection object, so their domain and
// version come from the file name or, failing that, from here.
type Options struct {
	Domain  string // "enterprise", "mobile" or "ics", with or without "-attack"
	Version string // "18.1"
}

// gzipMagic starts every gzip stream.
var gzipMagic = []byte{0x1f, 0x8b}

// ReadSTIX reads an ATT&CK STIX 2.0 or 2.1 bundle, plain or gzipped (told
// by its first bytes), from r. name is the file name or URL: it appears in
// errors, becomes the Source, and may give the domain and version.
func ReadSTIX(r io.Reader, name string, opt Options) (*Catalog, error) {
	label := name
	if label == "" {
		label = "STIX input"
	}
	var magic [2]byte
	n, err := io.ReadFull(r, magic[:])
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, fmt.Errorf("reading %s: %w", label, err)
	}
	src := io.MultiReader(bytes.NewReader(magic[:n]), r)
	return readBundle(label, name, src, nil, bytes.Equal(magic[:n], gzipMagic), opt)
}

// MaxBundleSize bounds a STIX bundle, on disk or once decompressed: ten
// times the largest ATT&CK release (Enterprise 18.1 in STIX 2.1 is about
// 45 MB), the same as a download's limit.
const MaxBundleSize = 512 << 20

// bundleLimit is MaxBundleSize, lowered by tests.
var bundleLimit int64 = MaxBundleSize

// capReader reads r, failing once more than n bytes came out of it.
type capReader struct {
	r io.Reader
	n int64
}

func (c *capReader) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	if c.n -= int64(k); c.n < 0 {
		return 0, fmt.Errorf("the bundle decompresses to over %d MiB, the limit for a STIX bundle", bundleLimit>>20)
	}
	return k, err
}

// LoadFile reads an ATT&CK STIX bundle (.json or .json.gz) from a file; the
// catalog's Source is path.
func LoadFile(path string, opt Options) (*Catalog, error) {
	data, err := fileread.Regular(path, bundleLimit)
	if err != nil {
		return nil, fmt.Errorf("%s: loading ATT&CK data: %w", path, err)
	}
	if bytes.HasPrefix(data, gzipMagic) {
		return readBundle(path, path, bytes.NewReader(data), nil, true, opt)
	}
	return readBundle(path, path, nil, data, false, opt)
}

// readBundle scans a bundle from r, or from data when r is nil.
func readBundle(label, name string, r io.Reader, data []byte, gz bool, opt Options) (*Catalog, error) {
	if gz {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("%s: reading gzip header: %w", label, err)
		}
		// A gzip bomb would inflate without end: stop at the limit.
		ra := newReadAhead(&capReader{r: zr, n: bundleLimit}, readChunk, 4)
		defer ra.Close()
		r = ra
	}
	f := &stixFacts{scanner: newBundleScanner(label, r, data)}
	if err := f.scanner.scan(f.add); err != nil {
		return nil, err
	}
	c, err := f.catalog(label, name, opt)
	if err != nil {
		return nil, err
	}
	c.Source = name
	return c, nil
}
