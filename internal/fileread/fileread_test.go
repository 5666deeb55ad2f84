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
	for _, size := range []int{0, 1, 511, 512, 4096, 100_000} {
		name := filepath.Join(dir, "f")
		want := bytes.Repeat([]byte("ab\n"), size)[:size]
		if err := os.WriteFile(name, want, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := Regular(name, 1<<20)
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
