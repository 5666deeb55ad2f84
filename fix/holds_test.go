package fix

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestHolds(t *testing.T) {
	big := bytes.Repeat([]byte("- rule: r\n"), 60_000) // past one read
	changedEnd := append(bytes.Clone(big[:len(big)-1]), 'X')
	cases := []struct {
		name       string
		disk, data []byte
		want       bool
	}{
		{"equal", []byte("abc"), []byte("abc"), true},
		{"both empty", nil, nil, true},
		{"disk empty", nil, []byte("a"), false},
		{"data empty", []byte("a"), nil, false},
		{"disk shorter", []byte("ab"), []byte("abc"), false},
		{"disk longer", []byte("abcd"), []byte("abc"), false},
		{"differ", []byte("abd"), []byte("abc"), false},
		{"large, equal", big, big, true},
		{"large, last byte differs", changedEnd, big, false},
		{"large, one byte more", append(bytes.Clone(big), '\n'), big, false},
		{"large, one byte less", big[:len(big)-1], big, false},
	}
	for _, c := range cases {
		path := filepath.Join(t.TempDir(), "f.yaml")
		if err := os.WriteFile(path, c.disk, 0o644); err != nil {
			t.Fatal(err)
		}
		if got, err := holds(path, c.data); err != nil || got != c.want {
			t.Errorf("%s: got %v, %v; want %v", c.name, got, err, c.want)
		}
	}
	if _, err := holds(filepath.Join(t.TempDir(), "missing"), nil); err == nil {
		t.Error("a missing file gave no error")
	}
}
