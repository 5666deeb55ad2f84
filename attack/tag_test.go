package attack

import (
	"reflect"
	"strings"
	"testing"
)

var tagCases = []struct {
	tag   string
	form  TagForm
	id    string
	words string
	canon bool
}{
	{"mitre_execution", TacticWords, "", "execution", true},
	{"mitre_privilege_escalation", TacticWords, "", "privilege escalation", true},
	{"T1059", TechniqueID, "T1059", "", true},
	{"T1059.004", TechniqueID, "T1059.004", "", true},
	{"TA0003", TacticID, "TA0003", "", true},
	{"t1059", TechniqueID, "T1059", "", false},
	{"ta0003", TacticID, "TA0003", "", false},
	{"Mitre_Execution", TacticWords, "", "execution", false},
	{"MITRE_TA0005_defense_evasion", TacticID, "TA0005", "defense evasion", false},
	{"MITRE_TA0008_defense evasion", TacticID, "TA0008", "defense evasion", false},
	{"T1562-impair-defenses", TechniqueID, "T1562", "impair defenses", false},
	{"mitre account manipulation", TacticWords, "", "account manipulation", false},
	{"mitre_T1021_remote_services", TechniqueID, "T1021", "remote services", false},
	{"TA0011_command_and_control", TacticID, "TA0011", "command and control", false},
	{"mitre_T1562.001_disable_or_modify_tools", TechniqueID, "T1562.001", "disable or modify tools", false},
	{"mitre__execution", TacticWords, "", "execution", false},
	{"mitre", TacticWords, "", "", false},
	{"container", NotATTACK, "", "", false},
	{"T10590", NotATTACK, "", "", false},
	{"T1059abc", NotATTACK, "", "", false},
	{"TA000", NotATTACK, "", "", false},
	{"PCI_DSS_10.2.5", NotATTACK, "", "", false},
	{"", NotATTACK, "", "", false},
	{"maturity_stable", NotATTACK, "", "", false},
}

func TestParseTag(t *testing.T) {
	for _, c := range tagCases {
		r := ParseTag(c.tag)
		got := struct {
			form  TagForm
			id    string
			words string
			canon bool
		}{r.Form, r.ID, strings.Join(r.Words, " "), r.Canonical}
		want := struct {
			form  TagForm
			id    string
			words string
			canon bool
		}{c.form, c.id, c.words, c.canon}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("ParseTag(%q) = %+v, want %+v", c.tag, got, want)
		}
	}
}

func TestNormalizeName(t *testing.T) {
	for in, want := range map[string]string{
		"Scheduled Task/Job":                "scheduled task job",
		"exploit_public-facing_application": "exploit public facing application",
		"  Unix  Shell ":                    "unix shell",
	} {
		if got := NormalizeName(in); got != want {
			t.Errorf("NormalizeName(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzParseTag(f *testing.F) {
	for _, c := range tagCases {
		f.Add(c.tag)
	}
	f.Fuzz(func(t *testing.T, tag string) {
		r := ParseTag(tag)
		if r.Form == NotATTACK {
			if r.Canonical || r.ID != "" || r.Words != nil {
				t.Fatalf("NotATTACK with content: %+v", r)
			}
			return
		}
		// A canonical tag parses back to itself.
		if r.Canonical && r.canonicalSpelling() != tag {
			t.Fatalf("canonical %q spells as %q", tag, r.canonicalSpelling())
		}
		if c := r.canonicalSpelling(); c != "" {
			if r2 := ParseTag(c); !r2.Canonical || r2.ID != r.ID {
				t.Fatalf("%q: canonical spelling %q does not parse as canonical: %+v", tag, c, r2)
			}
		}
	})
}
