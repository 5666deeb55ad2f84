package evidence

// channelWords returns the lowercase words of an analytic's channel,
// split at anything but letters, digits and _, so that "open/read",
// "socket(AF_PACKET" and "execve: exe in (...)" all yield their syscall
// names. ATT&CK's channels are free text; a word that is a syscall name
// is all that can be trusted in them.
func channelWords(ch string) []string {
	var out []string
	start := -1
	for i := 0; i <= len(ch); i++ {
		var c byte
		if i < len(ch) {
			c = ch[i]
		}
		word := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			out = append(out, lower(ch[start:i]))
			start = -1
		}
	}
	return out
}

// lower is strings.ToLower for ASCII words, without allocating when
// there is nothing to lower.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
