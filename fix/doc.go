// Package fix changes the tags of Falco rules files and nothing else.
//
// Its edits are byte-range patches of the file as read: only the bytes of
// tags change, so comments, blank lines, quoting, flow or block style,
// indentation and line ends stay as the author wrote them. The builders
// (Replace, Remove, InsertAfter) make the edits for one tag in the style
// of its neighbours; Apply applies a set of them; Verify re-parses the
// result and proves that nothing but tags changed; Run repeats find,
// apply and verify until nothing is left to fix; WriteFile replaces a file
// atomically.
//
// The package never imports the checks: Run asks a Finder for the fixes,
// so any source of diag.Fix values can drive it.
package fix
