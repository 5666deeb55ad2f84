package diag

// Diagnostic is one finding about one place in a file. Message is a short
// lower-case sentence; Detail carries the longer explanation (why it is
// wrong, what ATT&CK says) for writers that have room for it.
type Diagnostic struct {
	Code     string   // stable kebab-case check code, never renamed
	Severity Severity // after configuration
	Message  string
	Detail   string
	Range    Range
	// Suggestions are replacement texts for the offending value, best first.
	Suggestions []string
	// Fixes are byte edits that correct the finding, when it can be fixed.
	Fixes []Fix
	// Unfixable says why a finding of a check that has fixes carries
	// none (the tag is written through a YAML alias, say), so that a fix
	// run can tell the user instead of passing over it in silence.
	Unfixable string
}

// Fix is a set of edits that together correct one finding. The edits may
// touch several files: a rule's tags can come from more than one.
type Fix struct {
	Title string
	Edits []Edit
	// Unsafe marks a fix that makes a choice the finding leaves open (one
	// tactic of a technique that has several, one replacement of several):
	// the title says which, and it is applied only when asked for.
	Unsafe bool
}

// Edit replaces the bytes [Offset, Offset+Length) of File with Text.
// Offsets count bytes of the file as read, a byte order mark included.
type Edit struct {
	File   string `json:"file"`
	Offset int    `json:"offset"`
	Length int    `json:"length"`
	Text   string `json:"text"`
}

// End returns the offset just past the bytes e replaces.
func (e Edit) End() int { return e.Offset + e.Length }
