package attack

import (
	"slices"
	"strings"
	"testing"
)

// TestEmbeddedReleaseFacts holds every embedded catalog to facts read from
// its STIX bundle with a separate Python script (json.load over the shared
// bundles: x-mitre-tactic objects that are not revoked, attack-pattern
// objects with an ATT&CK ID, kill-chain phases, live revoked-by and
// mitigates relationships), not from this package. It needs no shared
// data: it checks what the binary carries.
func TestEmbeddedReleaseFacts(t *testing.T) {
	type fact struct{ id, name, tactics, flags, revokedBy, mitigations string }
	releases := []struct {
		domain, version        string
		tactics, objects, live int
		facts                  []fact
	}{
		{"enterprise-attack", "13.1", 14, 750, 607, []fact{
			{"T1611", "Escape to Host", "privilege-escalation", "", "", "M1026 M1038 M1042 M1048"},
			{"T1562.001", "Disable or Modify Tools", "defense-evasion", "", "", "M1018 M1022 M1024 M1038"},
			{"T1053.003", "Cron", "execution persistence privilege-escalation", "", "", "M1018 M1047"},
			{"T1059.004", "Unix Shell", "execution", "", "", "M1038"},
			{"T1086", "PowerShell", "execution", "R", "T1059.001", ""},
			{"T1574.002", "DLL Side-Loading", "persistence privilege-escalation defense-evasion", "", "", "M1013 M1051"},
			{"T1610", "Deploy Container", "defense-evasion execution", "", "", "M1018 M1030 M1035 M1047"},
			{"T1609", "Container Administration Command", "execution", "", "", "M1018 M1026 M1035 M1038 M1042"},
			{"T1548.001", "Setuid and Setgid", "privilege-escalation defense-evasion", "", "", "M1028"},
			{"T1070.004", "File Deletion", "defense-evasion", "", "", ""},
			{"T1036.005", "Match Legitimate Name or Location", "defense-evasion", "", "", "M1022 M1038 M1045"},
			{"T1505.003", "Web Shell", "persistence", "", "", "M1018 M1042"},
			{"T1552.007", "Container API", "credential-access", "", "", "M1018 M1026 M1030 M1035"},
			{"T1620", "Reflective Code Loading", "defense-evasion", "", "", ""},
		}},
		{"enterprise-attack", "14.1", 14, 768, 625, []fact{
			{"T1611", "Escape to Host", "privilege-escalation", "", "", "M1026 M1038 M1042 M1048"},
			{"T1562.001", "Disable or Modify Tools", "defense-evasion", "", "", "M1018 M1022 M1024 M1038"},
			{"T1053.003", "Cron", "execution persistence privilege-escalation", "", "", "M1018 M1047"},
			{"T1059.004", "Unix Shell", "execution", "", "", "M1038"},
			{"T1086", "PowerShell", "execution", "R", "T1059.001", ""},
			{"T1574.002", "DLL Side-Loading", "persistence privilege-escalation defense-evasion", "", "", "M1013 M1051"},
			{"T1610", "Deploy Container", "defense-evasion execution", "", "", "M1018 M1030 M1035 M1047"},
			{"T1609", "Container Administration Command", "execution", "", "", "M1018 M1026 M1035 M1038 M1042"},
			{"T1548.001", "Setuid and Setgid", "privilege-escalation defense-evasion", "", "", "M1028"},
			{"T1070.004", "File Deletion", "defense-evasion", "", "", ""},
			{"T1036.005", "Match Legitimate Name or Location", "defense-evasion", "", "", "M1022 M1038 M1045"},
			{"T1505.003", "Web Shell", "persistence", "", "", "M1018 M1042"},
			{"T1098.006", "Additional Container Cluster Roles", "persistence privilege-escalation", "", "", "M1018 M1032"},
			{"T1552.007", "Container API", "credential-access", "", "", "M1018 M1026 M1030 M1035"},
			{"T1620", "Reflective Code Loading", "defense-evasion", "", "", ""},
		}},
		{"enterprise-attack", "15.1", 14, 780, 637, []fact{
			{"T1611", "Escape to Host", "privilege-escalation", "", "", "M1026 M1038 M1042 M1048"},
			{"T1562.001", "Disable or Modify Tools", "defense-evasion", "", "", "M1018 M1022 M1024 M1038"},
			{"T1053.003", "Cron", "execution persistence privilege-escalation", "", "", "M1018 M1047"},
			{"T1059.004", "Unix Shell", "execution", "", "", "M1038"},
			{"T1086", "PowerShell", "execution", "R", "T1059.001", ""},
			{"T1574.002", "DLL Side-Loading", "persistence privilege-escalation defense-evasion", "", "", "M1013 M1051"},
			{"T1610", "Deploy Container", "defense-evasion execution", "", "", "M1018 M1030 M1035 M1047"},
			{"T1609", "Container Administration Command", "execution", "", "", "M1018 M1026 M1035 M1038 M1042"},
			{"T1548.001", "Setuid and Setgid", "privilege-escalation defense-evasion", "", "", "M1028"},
			{"T1070.004", "File Deletion", "defense-evasion", "", "", ""},
			{"T1036.005", "Match Legitimate Name or Location", "defense-evasion", "", "", "M1022 M1038 M1045"},
			{"T1505.003", "Web Shell", "persistence", "", "", "M1018 M1042"},
			{"T1098.006", "Additional Container Cluster Roles", "persistence privilege-escalation", "", "", "M1018 M1032"},
			{"T1552.007", "Container API", "credential-access", "", "", "M1018 M1026 M1030 M1035"},
			{"T1620", "Reflective Code Loading", "defense-evasion", "", "", ""},
		}},
		{"enterprise-attack", "16.1", 14, 799, 656, []fact{
			{"T1611", "Escape to Host", "privilege-escalation", "", "", "M1026 M1038 M1042 M1048"},
			{"T1562.001", "Disable or Modify Tools", "defense-evasion", "", "", "M1018 M1022 M1024 M1038"},
			{"T1053.003", "Cron", "execution persistence privilege-escalation", "", "", "M1018 M1047"},
			{"T1059.004", "Unix Shell", "execution", "", "", "M1038"},
			{"T1086", "PowerShell", "execution", "R", "T1059.001", ""},
			{"T1574.002", "DLL Side-Loading", "persistence privilege-escalation defense-evasion", "", "", "M1013 M1051"},
			{"T1610", "Deploy Container", "defense-evasion execution", "", "", "M1018 M1030 M1035 M1047"},
			{"T1609", "Container Administration Command", "execution", "", "", "M1018 M1026 M1035 M1038 M1042"},
			{"T1548.001", "Setuid and Setgid", "privilege-escalation defense-evasion", "", "", "M1028"},
			{"T1070.004", "File Deletion", "defense-evasion", "", "", ""},
			{"T1036.005", "Match Legitimate Name or Location", "defense-evasion", "", "", "M1022 M1038 M1045"},
			{"T1505.003", "Web Shell", "persistence", "", "", "M1018 M1042"},
			{"T1098.006", "Additional Container Cluster Roles", "persistence privilege-escalation", "", "", "M1018 M1032"},
			{"T1552.007", "Container API", "credential-access", "", "", "M1018 M1026 M1030 M1035"},
			{"T1620", "Reflective Code Loading", "defense-evasion", "", "", ""},
		}},
		{"enterprise-attack", "17.1", 14, 823, 679, []fact{
			{"T1611", "Escape to Host", "privilege-escalation", "", "", "M1026 M1038 M1042 M1048 M1051"},
			{"T1562.001", "Disable or Modify Tools", "defense-evasion", "", "", "M1018 M1022 M1024 M1038 M1047"},
			{"T1053.003", "Cron", "execution persistence privilege-escalation", "", "", "M1018 M1047"},
			{"T1059.004", "Unix Shell", "execution", "", "", "M1038"},
			{"T1086", "PowerShell", "execution", "R", "T1059.001", ""},
			{"T1574.002", "DLL Side-Loading", "persistence privilege-escalation defense-evasion", "R", "T1574.001", ""},
			{"T1610", "Deploy Container", "defense-evasion execution", "", "", "M1018 M1030 M1035 M1047"},
			{"T1609", "Container Administration Command", "execution", "", "", "M1018 M1026 M1035 M1038 M1042"},
			{"T1548.001", "Setuid and Setgid", "privilege-escalation defense-evasion", "", "", "M1028"},
			{"T1070.004", "File Deletion", "defense-evasion", "", "", ""},
			{"T1036.005", "Match Legitimate Resource Name or Location", "defense-evasion", "", "", "M1022 M1038 M1045"},
			{"T1505.003", "Web Shell", "persistence", "", "", "M1018 M1042"},
			{"T1098.006", "Additional Container Cluster Roles", "persistence privilege-escalation", "", "", "M1018 M1032"},
			{"T1552.007", "Container API", "credential-access", "", "", "M1018 M1026 M1030 M1035"},
			{"T1620", "Reflective Code Loading", "defense-evasion", "", "", ""},
		}},
		{"enterprise-attack", "18.1", 14, 835, 691, []fact{
			{"T1611", "Escape to Host", "privilege-escalation", "", "", "M1026 M1038 M1042 M1048 M1051"},
			{"T1562.001", "Disable or Modify Tools", "defense-evasion", "", "", "M1018 M1022 M1024 M1038 M1047"},
			{"T1053.003", "Cron", "execution persistence privilege-escalation", "", "", "M1018 M1047"},
			{"T1059.004", "Unix Shell", "execution", "", "", "M1038"},
			{"T1086", "PowerShell", "execution", "R", "T1059.001", ""},
			{"T1574.002", "DLL Side-Loading", "persistence privilege-escalation defense-evasion", "R", "T1574.001", ""},
			{"T1610", "Deploy Container", "defense-evasion execution", "", "", "M1018 M1030 M1035 M1047"},
			{"T1609", "Container Administration Command", "execution", "", "", "M1018 M1026 M1035 M1038 M1042"},
			{"T1548.001", "Setuid and Setgid", "privilege-escalation defense-evasion", "", "", "M1028"},
			{"T1070.004", "File Deletion", "defense-evasion", "", "", ""},
			{"T1036.005", "Match Legitimate Resource Name or Location", "defense-evasion", "", "", "M1022 M1038 M1045"},
			{"T1505.003", "Web Shell", "persistence", "", "", "M1018 M1042"},
			{"T1098.006", "Additional Container Cluster Roles", "persistence privilege-escalation", "", "", "M1018 M1032"},
			{"T1552.007", "Container API", "credential-access", "", "", "M1018 M1026 M1030 M1035"},
			{"T1620", "Reflective Code Loading", "defense-evasion", "", "", ""},
		}},
		{"mobile-attack", "18.1", 14, 190, 124, []fact{
			{"T1404", "Exploitation for Privilege Escalation", "privilege-escalation", "", "", "M1001 M1002 M1010"},
			{"T1398", "Boot or Logon Initialization Scripts", "persistence", "", "", "M1001 M1002 M1003 M1004"},
			{"T1626", "Abuse Elevation Control Mechanism", "privilege-escalation", "", "", "M1013"},
			{"T1626.001", "Device Administrator Permissions", "privilege-escalation", "", "", "M1006 M1011"},
			{"T1437.001", "Web Protocols", "command-and-control", "", "", ""},
			{"T1533", "Data from Local System", "collection", "", "", ""},
			{"T1414", "Clipboard Data", "collection credential-access", "", "", "M1006"},
			{"T1577", "Compromise Application Executable", "persistence", "", "", "M1001 M1006"},
			{"T1630.002", "File Deletion", "defense-evasion", "", "", "M1011"},
			{"T1418", "Software Discovery", "discovery", "", "", "M1006 M1011"},
			{"T1406", "Obfuscated Files or Information", "defense-evasion", "", "", ""},
			{"T1509", "Non-Standard Port", "command-and-control", "", "", ""},
		}},
		{"ics-attack", "18.1", 12, 95, 83, []fact{
			{"T0800", "Activate Firmware Update Mode", "inhibit-response-function", "", "", "M0800 M0801 M0802 M0804 M0807 M0813 M0930 M0937"},
			{"T0807", "Command-Line Interface", "execution", "", "", "M0938 M0942"},
			{"T0817", "Drive-by Compromise", "initial-access", "", "", "M0921 M0948 M0950 M0951"},
			{"T0831", "Manipulation of Control", "impact", "", "", "M0802 M0810 M0953"},
			{"T0862", "Supply Chain Compromise", "initial-access", "", "", "M0817 M0916 M0945 M0947 M0951"},
			{"T0866", "Exploitation of Remote Services", "initial-access lateral-movement", "", "", "M0916 M0919 M0926 M0930 M0942 M0948 M0950 M0951"},
			{"T0883", "Internet Accessible Device", "initial-access", "", "", "M0930"},
			{"T0885", "Commonly Used Port", "command-and-control", "", "", "M0804 M0930 M0931 M0942"},
			{"T0890", "Exploitation for Privilege Escalation", "privilege-escalation", "", "", "M0919 M0948 M0950 M0951"},
			{"T0891", "Hardcoded Credentials", "lateral-movement persistence", "", "", "M0801"},
			{"T0836", "Modify Parameter", "impair-process-control", "", "", "M0800 M0804 M0818 M0947"},
			{"T0869", "Standard Application Layer Protocol", "command-and-control", "", "", "M0807 M0930 M0931"},
		}},
	}
	for _, rel := range releases {
		t.Run(rel.domain+"-"+rel.version, func(t *testing.T) {
			c, err := LoadEmbedded(rel.domain, rel.version)
			if err != nil {
				t.Fatal(err)
			}
			live := 0
			for _, tc := range c.Techniques {
				if !tc.Revoked && !tc.Deprecated {
					live++
				}
			}
			// Objects count the distinct IDs: a reused ID is one technique.
			if len(c.Tactics) != rel.tactics || live != rel.live {
				t.Errorf("%d tactics, %d live techniques; want %d, %d", len(c.Tactics), live, rel.tactics, rel.live)
			}
			if len(c.Techniques) > rel.objects {
				t.Errorf("%d techniques from %d attack-patterns", len(c.Techniques), rel.objects)
			}
			for _, f := range rel.facts {
				tc := c.Technique(f.id)
				if tc == nil {
					t.Errorf("%s: missing", f.id)
					continue
				}
				flags := ""
				if tc.Revoked {
					flags += "R"
				}
				if tc.Deprecated {
					flags += "D"
				}
				got := fact{tc.ID, tc.Name, strings.Join(tc.Tactics, " "), flags, strings.Join(tc.RevokedBy, " "), strings.Join(tc.Mitigations, " ")}
				if got != f {
					t.Errorf("%s:\n got %q\nwant %q", f.id, got, f)
				}
				if slices.ContainsFunc(tc.Mitigations, func(id string) bool { return c.Mitigation(id) == nil }) {
					t.Errorf("%s: a mitigation of %v is not in the table", f.id, tc.Mitigations)
				}
			}
		})
	}
}
