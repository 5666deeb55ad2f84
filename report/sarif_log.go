package report

// The part of the SARIF 2.1.0 object model that falcomitre writes. Field
// names and nesting follow the OASIS schema (report/testdata holds it and
// the tests validate every report against it); omitempty keeps optional
// members out rather than writing empty ones the schema would refuse, such
// as an artifactChange with no replacements.

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	// ColumnKind says how columns count; diag.Pos counts code points.
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
	Properties sarifRunProps `json:"properties"`
}

type sarifRunProps struct {
	ATTACK sarifATTACK `json:"attack"`
}

type sarifATTACK struct {
	Domain  string `json:"domain"`
	Version string `json:"version"`
	Source  string `json:"source"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string           `json:"name"`
	Version        string           `json:"version,omitempty"`
	InformationURI string           `json:"informationUri"`
	Rules          []sarifRuleDescr `json:"rules"`
}

type sarifRuleDescr struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name"`
	ShortDescription     sarifText         `json:"shortDescription"`
	FullDescription      sarifText         `json:"fullDescription"`
	Help                 sarifText         `json:"help"`
	HelpURI              string            `json:"helpUri"`
	DefaultConfiguration sarifRuleConfig   `json:"defaultConfiguration"`
	Properties           sarifRuleProperty `json:"properties"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProperty struct {
	Tags []string `json:"tags"`
}

// sarifText is both message and multiformatMessageString: text is
// required, Markdown optional.
type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	PartialFingerprints sarifFingerprints  `json:"partialFingerprints"`
	Fixes               []sarifFix         `json:"fixes,omitempty"`
	Suppressions        []sarifSuppression `json:"suppressions"`
	Properties          sarifResultProps   `json:"properties"`
}

type sarifResultProps struct {
	Rule        string         `json:"rule"`
	Tag         string         `json:"tag,omitempty"`
	Detail      string         `json:"detail,omitempty"`
	Suggestions []string       `json:"suggestions,omitempty"`
	Technique   *jsonTechnique `json:"technique,omitempty"`
	Unfixable   string         `json:"unfixable,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

// sarifArtifact is a file: a relative uri resolves against uriBaseId,
// %SRCROOT% being the checkout root by GitHub's convention.
type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// sarifRegion is a span by line and column, or by bytes. Fix edits use
// bytes because diag.Edit offsets are bytes, which charOffset (code points)
// would misplace in any line with non-ASCII text.
type sarifRegion struct {
	StartLine   int  `json:"startLine,omitempty"`
	StartColumn int  `json:"startColumn,omitempty"`
	EndLine     int  `json:"endLine,omitempty"`
	EndColumn   int  `json:"endColumn,omitempty"`
	ByteOffset  *int `json:"byteOffset,omitempty"`
	ByteLength  *int `json:"byteLength,omitempty"`
}

type sarifFix struct {
	Description     sarifText           `json:"description"`
	ArtifactChanges []sarifChange       `json:"artifactChanges"`
	Properties      *sarifFixProperties `json:"properties,omitempty"`
}

type sarifFixProperties struct {
	Unsafe bool `json:"unsafe"`
}

type sarifChange struct {
	ArtifactLocation sarifArtifact      `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion  `json:"deletedRegion"`
	InsertedContent *sarifInsert `json:"insertedContent,omitempty"`
}

type sarifInsert struct {
	Text string `json:"text"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
	// Location is the comment that suppresses the result.
	Location *sarifLocation `json:"location,omitempty"`
}

// sarifFingerprints is a result's partialFingerprints: a property bag
// with one member, falcomitre's, as a struct rather than a map, which was
// an allocation per result.
type sarifFingerprints struct {
	V1 string `json:"falcomitre/v1"`
}
