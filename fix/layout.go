package fix

// Byte-level helpers for the layout around a tag. Line breaks are LF, CR
// LF and CR; a file that breaks lines with NEL, LS or PS gets no edit that
// depends on where a line ends (the builders refuse), never a wrong one.

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// skipBlanks returns the first offset from i that is not a space or tab.
func skipBlanks(src []byte, i int) int {
	for i < len(src) && isBlank(src[i]) {
		i++
	}
	return i
}

// blanksBack returns the first offset of the run of blanks that ends at i,
// not going below floor.
func blanksBack(src []byte, i, floor int) int {
	for i > floor && isBlank(src[i-1]) {
		i--
	}
	return i
}

// lineBreak returns the length of the line break at i, 0 if none.
func lineBreak(src []byte, i int) int {
	switch {
	case i >= len(src):
		return 0
	case src[i] == '\n':
		return 1
	case src[i] == '\r' && i+1 < len(src) && src[i+1] == '\n':
		return 2
	case src[i] == '\r':
		return 1
	}
	return 0
}

// lineStart returns the offset of the first byte of the line holding i.
func lineStart(src []byte, i int) int {
	for i > 0 && src[i-1] != '\n' && src[i-1] != '\r' {
		i--
	}
	return i
}

// lineEnd returns the offset of the line break (or end of file) of the
// line holding i.
func lineEnd(src []byte, i int) int {
	for i < len(src) && src[i] != '\n' && src[i] != '\r' {
		i++
	}
	return i
}

// allBlank reports whether b holds only spaces and tabs.
func allBlank(b []byte) bool {
	for _, c := range b {
		if !isBlank(c) {
			return false
		}
	}
	return true
}

// skipGap skips what YAML puts between flow tokens: blanks, line breaks
// and comments.
func skipGap(src []byte, i int) int {
	for i < len(src) {
		switch {
		case isBlank(src[i]):
			i++
		case src[i] == '#':
			i = lineEnd(src, i)
		case lineBreak(src, i) > 0:
			i += lineBreak(src, i)
		default:
			return i
		}
	}
	return i
}

// firstBreak returns the file's first line break, "\n" when it has none:
// the line end to give a line added at the end of a file that has no
// final one.
func firstBreak(src []byte) string {
	for i := range src {
		if n := lineBreak(src, i); n > 0 {
			return string(src[i : i+n])
		}
	}
	return "\n"
}

// isCommentOrBlankLine reports whether the line [ls, end) holds nothing
// but blanks and maybe a comment.
func isCommentOrBlankLine(src []byte, ls, end int) bool {
	i := skipBlanks(src, ls)
	return i >= end || src[i] == '#'
}
