package attack

import (
	"slices"
	"testing"
)

// The facts below were checked by hand against the bundles themselves
// (zcat enterprise-attack-X.stix20.json.gz | python3 -c 'import json ...'),
// not against this package's output.

// techniqueFact is what one technique should look like in one release.
type techniqueFact struct {
	id           string
	name         string
	tactics      []string
	parent       string
	revoked      bool
	deprecated   bool
	revokedBy    []string
	replacements []string // live IDs that Replacements reaches
	platform     string   // one platform it must list
	component    string   // one data component key it must list
	mitigations  []string // all its mitigations, when not nil
}

var enterprise131Facts = []techniqueFact{
	{id: "T1086", name: "PowerShell", tactics: []string{"execution"}, revoked: true,
		revokedBy: []string{"T1059.001"}, replacements: []string{"T1059.001"}, platform: "Windows"},
	{id: "T1059.001", name: "PowerShell", tactics: []string{"execution"}, parent: "T1059",
		platform: "Windows", component: "Script: Script Execution"},
	{id: "T1562.001", name: "Disable or Modify Tools", tactics: []string{"defense-evasion"}, parent: "T1562",
		platform: "Containers", component: "Windows Registry: Windows Registry Key Modification"},
	{id: "T1053.003", name: "Cron", tactics: []string{"execution", "persistence", "privilege-escalation"},
		parent: "T1053", platform: "Linux", component: "Process: Process Creation"},
	{id: "T1059.004", name: "Unix Shell", tactics: []string{"execution"}, parent: "T1059",
		platform: "Linux", component: "Command: Command Execution", mitigations: []string{"M1038"}},
	// A revoked sub-technique whose subtechnique-of relationship is gone:
	// the parent comes from the ID.
	{id: "T1053.001", name: "At (Linux)", tactics: []string{"execution", "persistence", "privilege-escalation"},
		parent: "T1053", revoked: true, revokedBy: []string{"T1053.002"}, replacements: []string{"T1053.002"}, platform: "Linux"},
	// Revoked by a technique that was itself revoked later.
	{id: "T1150", name: "Plist Modification", tactics: []string{"defense-evasion", "persistence", "privilege-escalation"},
		revoked: true, revokedBy: []string{"T1547.011"}, replacements: []string{"T1647"}, platform: "macOS"},
	{id: "T1547.011", name: "Plist Modification", tactics: []string{"persistence", "privilege-escalation"},
		parent: "T1547", revoked: true, revokedBy: []string{"T1647"}, replacements: []string{"T1647"}, platform: "macOS"},
	// Deprecated, with no subtechnique-of relationship in 13.1.
	{id: "T1053.004", name: "Launchd", tactics: []string{"execution", "persistence", "privilege-escalation"},
		parent: "T1053", deprecated: true, platform: "macOS"},
	{id: "T1064", name: "Scripting", tactics: []string{"defense-evasion", "execution"}, deprecated: true, platform: "Linux"},
	{id: "T1611", name: "Escape to Host", tactics: []string{"privilege-escalation"}, platform: "Containers",
		component: "Kernel: Kernel Module Load", mitigations: []string{"M1026", "M1038", "M1042", "M1048"}},
	{id: "T1610", name: "Deploy Container", tactics: []string{"defense-evasion", "execution"}, platform: "Containers",
		component: "Container: Container Creation"},
	{id: "T1003.008", name: "/etc/passwd and /etc/shadow", tactics: []string{"credential-access"}, parent: "T1003",
		platform: "Linux", component: "File: File Access"},
	{id: "T1574.002", name: "DLL Side-Loading", tactics: []string{"persistence", "privilege-escalation", "defense-evasion"},
		parent: "T1574", platform: "Windows", component: "Module: Module Load"},
}

var enterprise181Facts = []techniqueFact{
	{id: "T1086", name: "PowerShell", tactics: []string{"execution"}, revoked: true,
		revokedBy: []string{"T1059.001"}, replacements: []string{"T1059.001"}, platform: "Windows"},
	{id: "T1562.001", name: "Disable or Modify Tools", tactics: []string{"defense-evasion"}, parent: "T1562",
		platform: "Network Devices", component: "DC0063", mitigations: []string{"M1018", "M1022", "M1024", "M1038", "M1047"}},
	{id: "T1053.003", name: "Cron", tactics: []string{"execution", "persistence", "privilege-escalation"},
		parent: "T1053", platform: "ESXi"},
	{id: "T1059.004", name: "Unix Shell", tactics: []string{"execution"}, parent: "T1059", platform: "ESXi",
		component: "DC0064", mitigations: []string{"M1038"}},
	{id: "T1053.001", name: "At (Linux)", tactics: []string{"execution", "persistence", "privilege-escalation"},
		parent: "T1053", revoked: true, revokedBy: []string{"T1053.002"}, replacements: []string{"T1053.002"}, platform: "Linux"},
	// Sub-technique revoked between 13.1 and 18.1, into its renamed sibling.
	{id: "T1574.002", name: "DLL Side-Loading", tactics: []string{"persistence", "privilege-escalation", "defense-evasion"},
		parent: "T1574", revoked: true, revokedBy: []string{"T1574.001"}, replacements: []string{"T1574.001"}, platform: "Windows"},
	{id: "T1574.001", name: "DLL", tactics: []string{"persistence", "privilege-escalation", "defense-evasion"},
		parent: "T1574", platform: "Windows"},
	// T1073 → T1574.002 (now revoked) → T1574.001.
	{id: "T1073", name: "DLL Side-Loading", tactics: []string{"defense-evasion"}, revoked: true,
		revokedBy: []string{"T1574.002"}, replacements: []string{"T1574.001"}, platform: "Windows"},
	{id: "T1150", name: "Plist Modification", tactics: []string{"defense-evasion", "persistence", "privilege-escalation"},
		revoked: true, revokedBy: []string{"T1547.011"}, replacements: []string{"T1647"}, platform: "macOS"},
	// Deprecated; 18.1 has its subtechnique-of relationship.
	{id: "T1053.004", name: "Launchd", tactics: []string{"execution", "persistence", "privilege-escalation"},
		parent: "T1053", deprecated: true, platform: "macOS"},
	{id: "T1064", name: "Scripting", tactics: []string{"defense-evasion", "execution"}, deprecated: true, platform: "Windows"},
	{id: "T1098.006", name: "Additional Container Cluster Roles", tactics: []string{"persistence", "privilege-escalation"},
		parent: "T1098", platform: "Containers"},
	{id: "T1611", name: "Escape to Host", tactics: []string{"privilege-escalation"}, platform: "ESXi",
		component: "DC0072", mitigations: []string{"M1026", "M1038", "M1042", "M1048", "M1051"}},
	{id: "T1003.008", name: "/etc/passwd and /etc/shadow", tactics: []string{"credential-access"}, parent: "T1003", platform: "Linux"},
}

func TestHandCheckedFacts(t *testing.T) {
	for _, rel := range []struct {
		file  string
		facts []techniqueFact
	}{
		{"enterprise-attack-13.1.stix20.json.gz", enterprise131Facts},
		{"enterprise-attack-18.1.stix20.json.gz", enterprise181Facts},
	} {
		t.Run(rel.file, func(t *testing.T) {
			c := loadShared(t, rel.file)
			for _, f := range rel.facts {
				checkFact(t, c, f)
			}
		})
	}
}

// checkFact compares one technique with its hand-checked facts.
func checkFact(t *testing.T, c *Catalog, f techniqueFact) {
	t.Helper()
	tc := c.Technique(f.id)
	if tc == nil {
		t.Errorf("%s: missing", f.id)
		return
	}
	if tc.Name != f.name || tc.Parent != f.parent || tc.Revoked != f.revoked || tc.Deprecated != f.deprecated {
		t.Errorf("%s: name %q parent %q revoked %v deprecated %v; want %q %q %v %v",
			f.id, tc.Name, tc.Parent, tc.Revoked, tc.Deprecated, f.name, f.parent, f.revoked, f.deprecated)
	}
	if !slices.Equal(tc.Tactics, f.tactics) {
		t.Errorf("%s: tactics %v, want %v", f.id, tc.Tactics, f.tactics)
	}
	if !slices.Equal(tc.RevokedBy, f.revokedBy) {
		t.Errorf("%s: revoked by %v, want %v", f.id, tc.RevokedBy, f.revokedBy)
	}
	var repl []string
	for _, r := range c.Replacements(tc) {
		repl = append(repl, r.ID)
	}
	if !slices.Equal(repl, f.replacements) {
		t.Errorf("%s: replacements %v, want %v", f.id, repl, f.replacements)
	}
	if !slices.Contains(tc.Platforms, f.platform) {
		t.Errorf("%s: platforms %v lack %q", f.id, tc.Platforms, f.platform)
	}
	if f.component != "" && !slices.Contains(tc.DataComponents, f.component) {
		t.Errorf("%s: data components %v lack %q", f.id, tc.DataComponents, f.component)
	}
	for _, k := range tc.DataComponents {
		if c.DataComponent(k) == nil {
			t.Errorf("%s: data component %q is not in the catalog's table", f.id, k)
		}
	}
	if f.mitigations != nil && !slices.Equal(tc.Mitigations, f.mitigations) {
		t.Errorf("%s: mitigations %v, want %v", f.id, tc.Mitigations, f.mitigations)
	}
	for _, id := range tc.Mitigations {
		if c.Mitigation(id) == nil {
			t.Errorf("%s: mitigation %q is not in the catalog's table", f.id, id)
		}
	}
	for _, tac := range tc.Tactics {
		if c.TacticByShortname(tac) == nil {
			t.Errorf("%s: tactic %q is not in the catalog", f.id, tac)
		}
	}
}

func TestHandCheckedTactics(t *testing.T) {
	tests := []struct {
		file, id, name, shortname string
		order                     int
	}{
		{"enterprise-attack-13.1.stix20.json.gz", "TA0005", "Defense Evasion", "defense-evasion", 6},
		{"enterprise-attack-13.1.stix20.json.gz", "TA0043", "Reconnaissance", "reconnaissance", 0},
		{"enterprise-attack-13.1.stix20.json.gz", "TA0011", "Command and Control", "command-and-control", 11},
		{"enterprise-attack-18.1.stix20.json.gz", "TA0005", "Defense Evasion", "defense-evasion", 6},
		{"enterprise-attack-18.1.stix20.json.gz", "TA0040", "Impact", "impact", 13},
		{"enterprise-attack-18.1.stix20.json.gz", "TA0004", "Privilege Escalation", "privilege-escalation", 5},
		{"mobile-attack-18.1.stix20.json.gz", "TA0027", "Initial Access", "initial-access", 0},
		{"mobile-attack-18.1.stix20.json.gz", "TA0038", "Network Effects", "network-effects", 12},
		{"ics-attack-18.1.stix21.json.gz", "TA0103", "Evasion", "evasion", 4},
		{"ics-attack-18.1.stix20.json.gz", "TA0107", "Inhibit Response Function", "inhibit-response-function", 9},
	}
	for _, tt := range tests {
		c := loadShared(t, tt.file)
		ta := c.TacticByID(tt.id)
		if ta == nil {
			t.Errorf("%s %s: missing", tt.file, tt.id)
			continue
		}
		if ta.Name != tt.name || ta.Shortname != tt.shortname || ta.Order != tt.order {
			t.Errorf("%s %s: %q %q order %d; want %q %q %d", tt.file, tt.id, ta.Name, ta.Shortname, ta.Order, tt.name, tt.shortname, tt.order)
		}
		if ta.Tag() != TacticTag(tt.shortname) {
			t.Errorf("%s: Tag() = %q", tt.id, ta.Tag())
		}
	}
	// Mobile's Network-Based Effects tactics are deprecated, the rest not.
	m := loadShared(t, "mobile-attack-18.1.stix20.json.gz")
	for _, ta := range m.Tactics {
		if want := ta.ID == "TA0038" || ta.ID == "TA0039"; ta.Deprecated != want {
			t.Errorf("mobile %s: deprecated %v, want %v", ta.ID, ta.Deprecated, want)
		}
	}
}

// TestOtherDomainsFacts spot-checks Mobile and ICS, whose techniques use
// their own kill chain names.
func TestOtherDomainsFacts(t *testing.T) {
	m := loadShared(t, "mobile-attack-18.1.stix20.json.gz")
	checkFact(t, m, techniqueFact{id: "T1404", name: "Exploitation for Privilege Escalation",
		tactics: []string{"privilege-escalation"}, platform: "iOS"})
	checkFact(t, m, techniqueFact{id: "T1626.001", name: "Device Administrator Permissions",
		tactics: []string{"privilege-escalation"}, parent: "T1626", platform: "Android"})
	// Revoked without any revoked-by relationship.
	checkFact(t, m, techniqueFact{id: "T1454", name: "Malicious SMS Message",
		tactics: []string{"collection"}, revoked: true, platform: "Android"})

	ics := loadShared(t, "ics-attack-18.1.stix21.json.gz")
	checkFact(t, ics, techniqueFact{id: "T0807", name: "Command-Line Interface", tactics: []string{"execution"}, platform: "None"})
	// Its ID sits under source_name mitre-ics-attack, not mitre-attack.
	checkFact(t, ics, techniqueFact{id: "T0850", name: "Role Identification", tactics: []string{"collection"},
		deprecated: true, platform: "Control Server"})
}

// TestHandCheckedAnalytics: what ATT&CK 18.1 says to watch for a few
// techniques on the platforms Falco sees, listed with
//
//	zcat enterprise-attack-18.1.stix20.json.gz | python3 -c '...'
//
// following detects → x-mitre-detection-strategy → x_mitre_analytic_refs
// → x-mitre-analytic → x_mitre_log_source_references, skipping revoked
// and deprecated objects; not from this package's output.
func TestHandCheckedAnalytics(t *testing.T) {
	type an struct {
		id, strategy, platform string
		sources                []LogSource // nil: only the analytic's presence is checked
	}
	tests := []struct {
		file, technique string
		analytics       []an // every analytic, in ID order
	}{
		{"enterprise-attack-18.1.stix20.json.gz", "T1059.004", []an{
			{"AN1081", "DET0384", "Linux", []LogSource{
				{"auditd:SYSCALL", "execve", "DC0032"},
				{"linux:osquery", "socket_events", "DC0078"},
				{"linux:syslog", "auth.log / secure.log", "DC0067"},
			}},
			{"AN1082", "DET0384", "macOS", nil},
			{"AN1083", "DET0384", "ESXi", nil},
			{"AN1084", "DET0384", "Network Devices", nil},
		}},
		{"enterprise-attack-18.1.stix20.json.gz", "T1611", []an{
			{"AN0612", "DET0219", "Containers", []LogSource{
				{"docker:daemon", "container create/start with privileged flag or host volume mount", "DC0072"},
				{"kubernetes:apiserver", "Pod spec with hostPath or privileged securityContext", "DC0092"},
			}},
			{"AN0613", "DET0219", "Linux", []LogSource{
				{"auditd:SYSCALL", "unshare, mount, keyctl, setns syscalls executed by containerized processes", "DC0021"},
				{"linux:Sysmon", "process creation events linked to container namespaces executing host-level binaries", "DC0032"},
			}},
			{"AN0614", "DET0219", "Windows", nil},
			{"AN0615", "DET0219", "ESXi", nil},
		}},
		{"enterprise-attack-18.1.stix20.json.gz", "T1098.006", []an{
			{"AN1579", "DET0572", "Containers", []LogSource{
				{"kubernetes:audit", "create or update events for RoleBinding or ClusterRoleBinding objects", "DC0010"},
			}},
		}},
		{"enterprise-attack-18.1.stix20.json.gz", "T1610", []an{
			{"AN0693", "DET0249", "Containers", []LogSource{
				{"docker:daemon", "container_create,container_start", "DC0038"},
				{"containerd:runtime", "CRI CreateContainer/StartContainer with privileged=true OR added capabilities OR host* namespaces", "DC0077"},
				{"ebpf:syscalls", "process execution or network connect from just-created container PID namespace", "DC0032"},
				{"docker:events", "remote API calls to /containers/create or /containers/{id}/start", "DC0085"},
			}},
		}},
		{"mobile-attack-18.1.stix20.json.gz", "T1404", []an{
			{"AN1758", "DET0665", "Android", []LogSource{{"Sensor Health", "None", "DC0018"}, {"Application Vetting", "None", "DC0112"}}},
			{"AN1759", "DET0665", "iOS", nil},
		}},
		// Before 18 there are no analytics, only data components.
		{"enterprise-attack-13.1.stix20.json.gz", "T1611", nil},
	}
	for _, tt := range tests {
		c := loadShared(t, tt.file)
		tc := c.Technique(tt.technique)
		if tc == nil {
			t.Fatalf("%s %s: missing", tt.file, tt.technique)
		}
		if len(tc.Analytics) != len(tt.analytics) {
			t.Errorf("%s %s: %d analytics, want %d", tt.file, tt.technique, len(tc.Analytics), len(tt.analytics))
			continue
		}
		for i, want := range tt.analytics {
			got := tc.Analytics[i]
			if got.ID != want.id || got.Strategy != want.strategy || !slices.Equal(got.Platforms, []string{want.platform}) {
				t.Errorf("%s analytic %d = %s %s %v, want %s %s [%s]", tt.technique, i, got.ID, got.Strategy, got.Platforms, want.id, want.strategy, want.platform)
			}
			if want.sources != nil && !slices.Equal(got.LogSources, want.sources) {
				t.Errorf("%s %s log sources = %v, want %v", tt.technique, got.ID, got.LogSources, want.sources)
			}
			for _, ls := range got.LogSources {
				if ls.Component != "" && !slices.Contains(tc.DataComponents, ls.Component) {
					t.Errorf("%s %s: component %s is not among the technique's %v", tt.technique, got.ID, ls.Component, tc.DataComponents)
				}
			}
		}
	}
	if got := (&Analytic{ID: "AN1081", Strategy: "DET0384"}).URL(); got != "https://attack.mitre.org/detectionstrategies/DET0384#AN1081" {
		t.Errorf("URL() = %q", got)
	}
}
