package unidiff

import "bytes"

// pieceBytes is about how much of the old text a piece of a diff covers;
// tests make it small.
var pieceBytes = 1 << 20

// piece is the changes of one piece of a diff, which starts at a line of
// both texts that no hunk of another piece reaches.
type piece struct {
	changes            []Change
	oldAt, newAt       int // where the piece starts in each text
	oldLines, newLines int // lines from there to the next piece's start
	oldLine, newLine   int // lines before oldAt and newAt
}

// start is where hunks begins counting lines.
func (p *piece) start() origin { return origin{p.oldAt, p.newAt, p.oldLine, p.newLine} }

// pieces cuts changes into pieces of about pieceBytes of old text. A cut
// falls only between two changes far enough apart that their hunks stay
// apart: more than 2*contextLines+2 newlines between them.
func pieces(old []byte, changes []Change) []piece {
	ps := []piece{{}}
	from := 0 // first change of the current piece
	for i := 1; i < len(changes); i++ {
		c, prev := changes[i], changes[i-1]
		if c.Old-ps[len(ps)-1].oldAt < pieceBytes {
			continue
		}
		if bytes.Count(old[prev.OldEnd:c.Old], []byte{'\n'}) <= 2*contextLines+2 {
			continue
		}
		ps[len(ps)-1].changes = changes[from:i]
		at := lineStart(old, c.Old)
		ps = append(ps, piece{oldAt: at, newAt: c.New - (c.Old - at)})
		from = i
	}
	ps[len(ps)-1].changes = changes[from:]
	return ps
}
