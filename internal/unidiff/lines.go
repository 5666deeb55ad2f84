package unidiff

import "strings"

// splitLines cuts text after each newline; a last line without one is
// kept. It is go-udiff's splitLines without the offsets: that one ranges
// over runes, but a newline byte is never part of a longer UTF-8 sequence
// nor of the U+FFFD that invalid bytes decode to, so cutting at each '\n'
// byte gives the same lines.
func splitLines(text string) []string {
	lines := make([]string, 0, strings.Count(text, "\n")+1)
	for len(text) > 0 {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			lines = append(lines, text)
			break
		}
		lines = append(lines, text[:i+1])
		text = text[i+1:]
	}
	return lines
}
