// Package unidiff prints the unified diff of two texts exactly as
// go-udiff's Unified does, byte for byte, but fast on large files.
//
// It runs the same line LCS (go-udiff's lcs package, with its search
// limit, which on files with many changes yields one large hunk) and then
// follows go-udiff's toUnified step by step, but on line indexes: go-udiff
// joins and re-splits the changed text, counts newlines from the start of
// the file for every edit and formats each line with fmt, which on a 33 MB
// rules file costs seconds.
package unidiff
