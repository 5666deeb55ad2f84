package rules

import "testing"

// CheckFast lets the external tests, which may use rulegen, hold
// fastDecode to yaml.v3.
func CheckFast(t *testing.T, name string, src []byte) bool { return checkFast(t, name, src) }

func init() { fastStrict = true }
