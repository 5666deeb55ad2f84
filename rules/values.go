package rules

import (
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/falcomitre/falcomitre/diag"
)

// str reads a string the way Falco's decode_val and decode_optional_val
// do (rule_loader_reader.cpp): when present it must be a non-empty scalar.
// It returns the value node, nil when the key is absent and optional.
func (m mapping) str(key string, required bool) (string, *yaml.Node, error) {
	k, v := m.get(key)
	if k == nil {
		if required {
			return "", nil, diag.Errorf(m.at, "item has no mapping for key '%s'", key)
		}
		return "", nil, nil
	}
	if isNull(v) {
		return "", nil, diag.Errorf(m.p.nodeRange(k), "mapping for key '%s' is empty", key)
	}
	if !isScalar(v) {
		return "", nil, diag.Errorf(m.p.nodeRange(v), "value for '%s' is not a scalar value", key)
	}
	if v.Value == "" {
		return "", nil, diag.Errorf(m.p.nodeRange(v), "value for '%s' must be non-empty", key)
	}
	return v.Value, v, nil
}

// boolean reads a boolean as decode_val<bool> does, with yaml-cpp's rules
// (spec §7). It returns nil when the key is absent and optional.
func (m mapping) boolean(key string, required bool) (*bool, error) {
	s, v, err := m.str(key, required)
	if err != nil || v == nil {
		return nil, err
	}
	b, ok := parseBool(s)
	if !ok {
		return nil, diag.Errorf(m.p.nodeRange(v), "value for '%s' is not a boolean: %q", key, s)
	}
	return &b, nil
}

// unsigned reads an unsigned integer as decode_val<uint64_t> does.
func (m mapping) unsigned(key string, required bool, bits int) (*uint64, error) {
	s, v, err := m.str(key, required)
	if err != nil || v == nil {
		return nil, err
	}
	n, ok := parseUnsigned(s, bits)
	if !ok {
		return nil, diag.Errorf(m.p.nodeRange(v), "value for '%s' is not an unsigned integer: %q", key, s)
	}
	return &n, nil
}

// parseBool is yaml-cpp's convert<bool>::decode: y/n, yes/no, true/false
// and on/off, all lower case, all upper case or capitalised. Quotes do not
// matter because yaml-cpp looks at the scalar's text only.
func parseBool(s string) (bool, bool) {
	if !flexibleCase(s) {
		return false, false
	}
	switch asciiLower(s) {
	case "y", "yes", "true", "on":
		return true, true
	case "n", "no", "false", "off":
		return false, true
	}
	return false, false
}

// flexibleCase is yaml-cpp's IsFlexibleCase: lower case, upper case, or
// one upper-case letter followed by lower or upper case.
func flexibleCase(s string) bool {
	if s == "" || allASCII(s, isLower) {
		return true
	}
	return isUpper(s[0]) && (allASCII(s[1:], isLower) || allASCII(s[1:], isUpper))
}

func isLower(c byte) bool { return c >= 'a' && c <= 'z' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

func allASCII(s string, f func(byte) bool) bool {
	for i := 0; i < len(s); i++ {
		if !f(s[i]) {
			return false
		}
	}
	return true
}

// asciiLower lower-cases ASCII letters only, as C's tolower does in the
// "C" locale; strings.ToLower would also fold other scripts.
func asciiLower(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isUpper(c) {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// parseUnsigned is yaml-cpp's integer conversion: a C++ stream read with
// the base taken from the prefix (0x hex, 0 octal), no leading space, no
// minus sign, trailing space allowed, and no overflow of the target type.
func parseUnsigned(s string, bits int) (uint64, bool) {
	s = strings.TrimRight(s, " \t\n\v\f\r")
	if s == "" || s[0] == '-' {
		return 0, false
	}
	s = strings.TrimPrefix(s, "+")
	n, err := strconv.ParseUint(s, 0, bits)
	if err != nil || strings.ContainsRune(s, '_') || strings.HasPrefix(s, "0b") || strings.HasPrefix(s, "0B") || strings.HasPrefix(s, "0o") || strings.HasPrefix(s, "0O") {
		return 0, false
	}
	return n, true
}

// priorities are the names falco_common::parse_priority accepts, compared
// without regard to ASCII case (strcasecmp); "info" is a legacy alias.
var priorities = []string{"emergency", "alert", "critical", "error", "warning", "notice", "informational", "info", "debug"}

// validPriority reports whether Falco accepts s as a priority (spec §7).
func validPriority(s string) bool {
	l := asciiLower(s)
	for _, p := range priorities {
		if l == p {
			return true
		}
	}
	return false
}

// validVersion reports whether sinsp_version accepts s: three unsigned
// numbers read with sscanf("%u.%u.%u"), trailing text tolerated (spec §7).
func validVersion(s string) bool {
	for i := 0; i < 3; i++ {
		if i > 0 {
			if s == "" || s[0] != '.' {
				return false
			}
			s = s[1:]
		}
		var ok bool
		if s, ok = scanUnsigned(s); !ok {
			return false
		}
	}
	return true
}

// scanUnsigned consumes what sscanf's %u would: space, a sign, digits.
func scanUnsigned(s string) (string, bool) {
	s = strings.TrimLeft(s, " \t\n\v\f\r")
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[i:], i > 0
}

// scalarText is yaml-cpp's as<std::string>() as Falco's override decoding
// uses it: a scalar's text, "null" for null, an error for anything else.
func scalarText(n *yaml.Node) (string, bool) {
	switch {
	case isNull(n):
		return "null", true
	case isScalar(n):
		return n.Value, true
	}
	return "", false
}
