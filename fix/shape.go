package fix

import (
	"crypto/sha256"
	"encoding/binary"

	"github.com/falcomitre/falcomitre/rules"
)

// shape is what Verify compares of a file before a fix: its bytes, its
// tags lists' regions, and either the parsed file itself or, when Run is
// to let the model go, a digest of what the loader read of its items
// (tags aside) and of its warnings. Run keeps a digest for a large round
// so that the model can be collected and the patched parse can reuse its
// memory: at 100k rules, a second 250 MB of fresh pages cost more than
// the parse itself. A small file keeps the model: hashing it twice cost a
// tenth of a small fix run.
type shape struct {
	path    string
	src     []byte
	err     error
	file    *rules.File // nil when sum stands for it
	sum     [sha256.Size]byte
	regions []region
}

// shapeOf returns f's shape, keeping f when keep is set.
func shapeOf(f *rules.File, keep bool) *shape {
	s := &shape{path: f.Path, src: f.Src, err: f.Err}
	switch {
	case f.Err != nil:
	case keep:
		s.file, s.regions = f, regions(f)
	default:
		done := make(chan struct{})
		go func() {
			s.regions = regions(f)
			close(done)
		}()
		s.sum = loaderDigest(f)
		<-done
	}
	return s
}

// loaderDigest hashes the fields sameItems compares, each with its
// length, so that two files digest alike only when sameItems would find
// nothing (SHA-256: no input can be made to collide). Each item's record
// is put together in one reused buffer and hashed in one call.
func loaderDigest(f *rules.File) [sha256.Size]byte {
	h := sha256.New()
	var buf []byte
	buf = binary.LittleEndian.AppendUint64(buf, uint64(len(f.Items)))
	for _, it := range f.Items {
		fs := fieldsOf(it)
		buf = binary.LittleEndian.AppendUint64(buf, uint64(fs.kind))
		buf = binary.LittleEndian.AppendUint64(buf, uint64(fs.mode))
		for _, s := range [...]string{fs.name, fs.source, fs.cond, fs.desc, fs.out, fs.prio, fs.tagsOverride, fs.tagsIgnored, fs.enabled} {
			buf = appendString(buf, s)
		}
		buf = append(buf, flag(fs.hasTagsKey), flag(fs.hasSeq), flag(fs.flow))
		buf = binary.LittleEndian.AppendUint64(buf, uint64(len(it.StrayTags)))
		for _, t := range it.StrayTags {
			buf = appendString(buf, t.Value)
		}
		h.Write(buf)
		buf = buf[:0]
	}
	buf = binary.LittleEndian.AppendUint64(buf, uint64(len(f.Warnings)))
	for _, w := range f.Warnings {
		buf = appendString(buf, w.Msg)
	}
	h.Write(buf)
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

func appendString(buf []byte, s string) []byte {
	buf = binary.LittleEndian.AppendUint64(buf, uint64(len(s)))
	return append(buf, s...)
}

func flag(b bool) byte {
	if b {
		return 1
	}
	return 0
}
