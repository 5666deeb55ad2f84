package attack

// The STIX objects falcomitre reads, with only the members it uses;
// encoding/json skips the rest. Field meanings are in the ATT&CK data
// model: https://github.com/mitre-attack/attack-stix-data/blob/master/USAGE.md

// stixRef is an external_references entry; the ATT&CK one carries the
// technique or tactic ID.
type stixRef struct {
	SourceName string `json:"source_name"`
	ExternalID string `json:"external_id"`
}

// stixPhase is a kill_chain_phases entry; phase_name is a tactic shortname.
type stixPhase struct {
	KillChainName string `json:"kill_chain_name"`
	PhaseName     string `json:"phase_name"`
}

// stixAttackPattern is a technique or sub-technique.
type stixAttackPattern struct {
	ID          string      `json:"id"`
	Name        string      `json:"name"`
	Refs        []stixRef   `json:"external_references"`
	Phases      []stixPhase `json:"kill_chain_phases"`
	IsSub       bool        `json:"x_mitre_is_subtechnique"`
	Revoked     bool        `json:"revoked"`
	Deprecated  bool        `json:"x_mitre_deprecated"`
	Platforms   []string    `json:"x_mitre_platforms"`
	DataSources []string    `json:"x_mitre_data_sources"`
}

// stixTactic is an x-mitre-tactic.
type stixTactic struct {
	ID         string    `json:"id"`
	Name       string    `json:"name"`
	Shortname  string    `json:"x_mitre_shortname"`
	Refs       []stixRef `json:"external_references"`
	Revoked    bool      `json:"revoked"`
	Deprecated bool      `json:"x_mitre_deprecated"`
}

// stixMatrix is an x-mitre-matrix; its external ID is the domain name.
type stixMatrix struct {
	Refs       []stixRef `json:"external_references"`
	TacticRefs []string  `json:"tactic_refs"`
	Revoked    bool      `json:"revoked"`
	Deprecated bool      `json:"x_mitre_deprecated"`
}

// stixCollection is the x-mitre-collection that STIX 2.1 releases carry:
// "Enterprise ATT&CK", version "18.1". readCollection fills it.
type stixCollection struct {
	Name    string
	Version string
}

// stixRelationship is a revoked-by or subtechnique-of relationship.
type stixRelationship struct {
	Type    string `json:"relationship_type"`
	Source  string `json:"source_ref"`
	Target  string `json:"target_ref"`
	Revoked bool   `json:"revoked"`
}

// attackID returns the ATT&CK ID among refs ("T1059.004", "TA0002",
// "enterprise-attack"), or "" when there is none, as on some revoked
// objects.
func attackID(refs []stixRef) string {
	for _, r := range refs {
		if isMitreSource(r.SourceName) && r.ExternalID != "" {
			return r.ExternalID
		}
	}
	return ""
}

// stixCourseOfAction is a mitigation. Old releases also carry deprecated
// ones named by technique IDs ("T1174"), which buildDefenses drops.
type stixCourseOfAction struct {
	ID         string    `json:"id"`
	Name       string    `json:"name"`
	Refs       []stixRef `json:"external_references"`
	Revoked    bool      `json:"revoked"`
	Deprecated bool      `json:"x_mitre_deprecated"`
}

// stixDataComponent is an x-mitre-data-component: with a DC ID from ATT&CK
// 18, with a data source before.
type stixDataComponent struct {
	ID         string    `json:"id"`
	Name       string    `json:"name"`
	Refs       []stixRef `json:"external_references"`
	SourceRef  string    `json:"x_mitre_data_source_ref"`
	Revoked    bool      `json:"revoked"`
	Deprecated bool      `json:"x_mitre_deprecated"`
}

// stixDataSource is an x-mitre-data-source; only its name is used.
type stixDataSource struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// stixDetectionStrategy is ATT&CK 18's x-mitre-detection-strategy: it
// detects techniques through its analytics.
type stixDetectionStrategy struct {
	ID           string    `json:"id"`
	Refs         []stixRef `json:"external_references"`
	AnalyticRefs []string  `json:"x_mitre_analytic_refs"`
	Revoked      bool      `json:"revoked"`
	Deprecated   bool      `json:"x_mitre_deprecated"`
}

// stixAnalytic is ATT&CK 18's x-mitre-analytic; its log sources name the
// data components it reads.
type stixAnalytic struct {
	ID         string    `json:"id"`
	Refs       []stixRef `json:"external_references"`
	Platforms  []string  `json:"x_mitre_platforms"`
	LogSources []struct {
		Name         string `json:"name"`
		Channel      string `json:"channel"`
		ComponentRef string `json:"x_mitre_data_component_ref"`
	} `json:"x_mitre_log_source_references"`
	Revoked    bool `json:"revoked"`
	Deprecated bool `json:"x_mitre_deprecated"`
}
