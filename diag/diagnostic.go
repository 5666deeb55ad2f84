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
}

// Fix is a set of edits that together correct one finding.
type Fix struct {
	Title string
	Edits []Edit
}

// Edit replaces the bytes [Offset, Offset+Length) of File with Text.
type Edit struct {
	File   string `json:"file"`
	Offset int    `json:"offset"`
	Length int    `json:"length"`
	Text   string `json:"text"`
}
