package rules

import (
	"testing"

	"github.com/falcomitre/falcomitre/diag"
)

// CheckFast lets the external tests, which may use rulegen, hold
// fastDecode to yaml.v3.
func CheckFast(t *testing.T, name string, src []byte) bool { return checkFast(t, name, src) }

func init() { fastStrict = true }

// ParseSmall and ReparseSmall are Parse and Reparse with chunks of about
// 2 KB from 1 byte on, so that small files are read in chunks too; moved
// says whether Reparse took its shortcut.
func ParseSmall(path string, src []byte) *File { return parse(path, src, 1, 2048, nil) }

func ReparseSmall(old *File, src []byte, edits []diag.Edit) (f *File, wasMoved bool) {
	if f := moved(old, src, edits, 1, 2048); f != nil {
		return f, true
	}
	return parse(old.Path, src, 1, 2048, nil), false
}
