// Package unidiff prints the unified diff of a text and its edited copy,
// as GNU diff -u does, from the stretches of bytes the edits changed.
//
// It does not search for a longest common subsequence of lines: the
// caller knows what it changed. A search bounded to stay fast gives up
// on a file with thousands of changes and prints most of the file as one
// hunk; from the changes, each changed line is its own hunk, in time
// linear in the size of the texts.
package unidiff
