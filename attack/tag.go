package attack

import "strings"

// TagForm is what an ATT&CK-looking Falco tag names, judged by its
// spelling alone.
type TagForm int

// Tag forms. Whether the named tactic or technique exists is a question for
// a Catalog, not for the parser.
const (
	// NotATTACK is any tag that does not look like ATT&CK (container, shell).
	NotATTACK TagForm = iota
	// TacticWords is mitre_ followed by words: mitre_privilege_escalation.
	TacticWords
	// TacticID carries a TA ID: TA0004, MITRE_TA0005_defense_evasion.
	TacticID
	// TechniqueID carries a T ID: T1059.004, mitre_T1021_remote_services.
	TechniqueID
)

// TagRef is a Falco tag read as an ATT&CK reference.
type TagRef struct {
	Form TagForm
	// ID is the TA or T ID in upper case, "" for TacticWords.
	ID string
	// Words are the lower-cased words after the mitre prefix or the ID:
	// "MITRE_TA0008_defense evasion" has Words [defense evasion].
	Words []string
	// Prefixed is whether the tag starts with "mitre" in any case.
	Prefixed bool
	// Canonical is whether the tag is spelt as falcomitre writes it:
	// mitre_<lower-case words joined by _>, T1234, T1234.001 or TA0004.
	Canonical bool
}

// ParseTag reads tag as an ATT&CK reference. It accepts the spellings
// found in real rules files: any case, "mitre" followed by _, -, space or
// nothing, an ID with or without words after it. A tag that neither starts
// with "mitre" nor with an ID is NotATTACK.
func ParseTag(tag string) TagRef {
	var r TagRef
	rest := tag
	if len(rest) >= 5 && strings.EqualFold(rest[:5], "mitre") {
		r.Prefixed = true
		rest = trimSeps(rest[5:])
	}
	if id, n := scanID(rest); n > 0 {
		r.ID = id
		rest = rest[n:]
		if rest != "" && !isSep(rest[0]) {
			// T1059abc is not an ID followed by words.
			if !r.Prefixed {
				return TagRef{}
			}
			r.ID = ""
			rest = tag[len(tag)-len(rest)-n:]
		}
	}
	r.Words = splitWords(rest)
	switch {
	case strings.HasPrefix(r.ID, "TA"):
		r.Form = TacticID
	case r.ID != "":
		r.Form = TechniqueID
	case r.Prefixed:
		r.Form = TacticWords
	default:
		return TagRef{}
	}
	r.Canonical = tag == r.canonicalSpelling()
	return r
}

// canonicalSpelling is how the tag would be written canonically if its
// reading were right; whether it names anything real is not considered.
func (r TagRef) canonicalSpelling() string {
	if r.ID != "" {
		if r.Prefixed || len(r.Words) > 0 {
			return "" // an ID with decoration is never canonical
		}
		return r.ID
	}
	if len(r.Words) == 0 {
		return ""
	}
	return "mitre_" + strings.Join(r.Words, "_")
}

// scanID reads TA1234, T1234 or T1234.123 at the start of s in any case
// and returns it upper-cased with the bytes consumed.
func scanID(s string) (string, int) {
	if len(s) < 5 || (s[0] != 'T' && s[0] != 't') {
		return "", 0
	}
	i := 1
	tactic := s[1] == 'A' || s[1] == 'a'
	if tactic {
		i = 2
	}
	if !digits(s, i, 4) {
		return "", 0
	}
	i += 4
	if !tactic && len(s) > i+3 && s[i] == '.' && digits(s, i+1, 3) {
		i += 4
	}
	// A fifth digit means this is not an ATT&CK ID.
	if len(s) > i && s[i] >= '0' && s[i] <= '9' {
		return "", 0
	}
	return strings.ToUpper(s[:i]), i
}

func digits(s string, at, n int) bool {
	if len(s) < at+n {
		return false
	}
	for _, c := range []byte(s[at : at+n]) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func isSep(c byte) bool { return c == '_' || c == '-' || c == ' ' || c == '\t' }

func trimSeps(s string) string {
	for s != "" && isSep(s[0]) {
		s = s[1:]
	}
	return s
}

// splitWords lower-cases s and splits it at separators.
func splitWords(s string) []string {
	f := strings.FieldsFunc(strings.ToLower(s), func(c rune) bool {
		return c < 0x80 && isSep(byte(c))
	})
	if len(f) == 0 {
		return nil
	}
	return f
}

// NormalizeName folds an ATT&CK name or a tag's words for comparison:
// lower case, every run of characters other than letters and digits
// becomes one space. "Scheduled Task/Job" and "scheduled_task_job" agree.
func NormalizeName(s string) string {
	var b strings.Builder
	space := false
	for _, c := range strings.ToLower(s) {
		alnum := c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80
		if !alnum {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(c)
	}
	return b.String()
}
