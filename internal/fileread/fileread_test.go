package fileread

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRegular(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 511, 512, 4096, 100_000, piecesMin, piecesMin + 7} {
		name := filepath.Join(dir, "f")
		want := make([]byte, size)
		for i := range want {
			want[i] = byte(i * 7 / 3) // no two pieces alike
		}
		if err := os.WriteFile(name, want, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := Regular(name, 8<<20)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("size %d: got %d bytes, %v", size, len(got), err)
		}
		// The buffer is the file's size plus the byte that detects growth,
		// never a doubled one.
		if cap(got) > size+1 {
			t.Errorf("size %d: capacity %d", size, cap(got))
		}
	}
}

func TestRegularLimit(t *testing.T) {
	name := filepath.Join(t.TempDir(), "big")
	if err := os.WriteFile(name, make([]byte, 2048), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Regular(name, 2048); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	_, err := Regular(name, 2047)
	if err == nil || !strings.Contains(err.Error(), "over the") {
		t.Errorf("over the limit: %v", err)
	}
}

func TestRegularRefusesDirectory(t *testing.T) {
	_, err := Regular(t.TempDir(), 1<<20)
	if err == nil || !strings.Contains(err.Error(), "a directory") {
		t.Errorf("got %v", err)
	}
}

// TestReadPieces: a file shorter than the buffer, which shrank since Stat,
// is refused, so that Regular reads it the plain way.
func TestReadPieces(t *testing.T) {
	name := filepath.Join(t.TempDir(), "f")
	want := bytes.Repeat([]byte("0123456789"), 1000)
	if err := os.WriteFile(name, want, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, len(want))
	if !readPieces(f, buf) || !bytes.Equal(buf, want) {
		t.Errorf("whole file: got %q...", buf[:20])
	}
	if readPieces(f, make([]byte, len(want)+1)) {
		t.Error("a file shorter than the buffer was taken as read")
	}
}
