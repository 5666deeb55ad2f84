package report

import (
	"errors"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"strings"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/diag"
	"github.com/falcomitre/falcomitre/internal/par"
)

// SARIF writes the report as a SARIF 2.1.0 log, the format GitHub code
// scanning and IDE viewers read:
// https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/sarif-v2.1.0-errata01-os-complete.html
//
// The rule table lists every check, built from its Doc, so that a viewer
// can explain a code the run did not report. Results carry content-based
// partialFingerprints (see fingerprint.go), never line numbers, so that an
// alert survives edits elsewhere in the file; fixes are the fix engine's
// byte edits; inline suppressions become results with suppressions of kind
// inSource.
//
// GitHub shows message.text, not markdown, and ignores helpUri and
// suppressions (go-tools lintcmd/sarif.go lists what else it drops); the
// log is complete for other consumers all the same.
type SARIF struct{}

const (
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifVersion = "2.1.0"
	// srcRoot is the uriBaseId relative paths resolve against; GitHub
	// maps it to the checkout.
	srcRoot = "%SRCROOT%"
)

// sarifLevel maps a severity to a SARIF level, in one place.
func sarifLevel(s diag.Severity) string {
	switch s {
	case diag.Error:
		return "error"
	case diag.Warning:
		return "warning"
	case diag.Note:
		return "note"
	}
	return "none"
}

// Write implements Writer.
func (SARIF) Write(w io.Writer, r *check.Report) error {
	rules, index := sarifRules()
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           toolName(r),
			Version:        r.Tool.Version,
			InformationURI: ProjectURL,
			Rules:          rules,
		}},
		Invocations: []sarifInvocation{sarifInvocationOf(r)},
		ColumnKind:  "unicodeCodePoints",
		Results:     make([]sarifResult, len(r.Findings)+len(r.Suppressed)),
		Properties:  sarifRunProps{ATTACK: sarifATTACK{r.ATTACK.Domain, r.ATTACK.Version, r.ATTACK.Source}},
	}
	// The findings, then the suppressed ones; each result is made on
	// whichever core is free.
	finding := func(i int) *check.Finding {
		if i < len(r.Findings) {
			return &r.Findings[i]
		}
		return &r.Suppressed[i-len(r.Findings)].Finding
	}
	fps := fingerprints(len(run.Results), finding)
	par.Ranges(len(run.Results), 1024, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			res := &run.Results[i]
			*res = sarifResultOf(finding(i), index, fps[i])
			if i < len(r.Findings) {
				res.Suppressions = []sarifSuppression{} // checked, not suppressed
				continue
			}
			s := &r.Suppressed[i-len(r.Findings)]
			loc := sarifLocationOf(s.By.Range)
			res.Suppressions = []sarifSuppression{{Kind: "inSource", Justification: s.By.Reason, Location: &loc}}
		}
	})
	return writeJSONDoc(w, sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

func toolName(r *check.Report) string {
	if r.Tool.Name != "" {
		return r.Tool.Name
	}
	return "falcomitre"
}

// sarifRules builds the rule table from every registered check, and the
// index of each code in it for result.ruleIndex.
func sarifRules() ([]sarifRuleDescr, map[string]int) {
	fixable := map[string]bool{}
	for _, c := range check.FixableCodes() {
		fixable[c] = true
	}
	var out []sarifRuleDescr
	index := map[string]int{}
	for i, c := range check.Checks() {
		index[c.Code] = i
		tags := []string{"falco", "mitre-attack"}
		if fixable[c.Code] {
			tags = append(tags, "fixable")
		}
		text := unwrap(c.Text)
		out = append(out, sarifRuleDescr{
			ID:                   c.Code,
			Name:                 pascal(c.Code),
			ShortDescription:     sarifText{Text: c.Title},
			FullDescription:      sarifText{Text: text},
			Help:                 sarifText{Text: text, Markdown: c.Text + "\n\n[" + c.Code + "](" + DocURL(c.Code) + ")"},
			HelpURI:              DocURL(c.Code),
			DefaultConfiguration: sarifRuleConfig{Level: sarifLevel(c.Severity)},
			Properties:           sarifRuleProperty{Tags: tags},
		})
	}
	return out, index
}

// pascal turns a code into the PascalCase name SARIF recommends; the spec
// forbids a name equal to the id.
func pascal(code string) string {
	var b strings.Builder
	for _, w := range strings.Split(code, "-") {
		if w != "" {
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return b.String()
}

// unwrap joins the hard-wrapped lines of a Doc's paragraphs: GitHub turns
// every line break of a description into a break on the page.
func unwrap(s string) string {
	paras := strings.Split(strings.TrimSpace(s), "\n\n")
	for i, p := range paras {
		paras[i] = strings.Join(strings.Fields(p), " ")
	}
	return strings.Join(paras, "\n\n")
}

func sarifInvocationOf(r *check.Report) sarifInvocation {
	inv := sarifInvocation{ExecutionSuccessful: len(r.Errors) == 0}
	for _, err := range r.Errors {
		n := sarifNotification{Level: "error", Message: sarifText{Text: err.Error()}}
		var ie *diag.InputError
		if errors.As(err, &ie) && ie.Range.File != "" {
			n.Message.Text = ie.Msg
			n.Locations = []sarifLocation{sarifLocationOf(ie.Range)}
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	return inv
}

func sarifResultOf(f *check.Finding, index map[string]int, fingerprint string) sarifResult {
	ruleIndex, ok := index[f.Code]
	if !ok {
		ruleIndex = -1 // a code from outside the registry; the schema allows -1
	}
	res := sarifResult{
		RuleID:              f.Code,
		RuleIndex:           ruleIndex,
		Level:               sarifLevel(f.Severity),
		Message:             sarifText{Text: f.Message},
		Locations:           []sarifLocation{sarifLocationOf(f.Range)},
		PartialFingerprints: sarifFingerprints{V1: fingerprint},
		Properties: sarifResultProps{
			Rule:        f.Rule,
			Tag:         f.Tag,
			Detail:      f.Detail,
			Suggestions: f.Suggestions,
			Unfixable:   f.Unfixable,
		},
	}
	if t := f.Technique; t != nil {
		res.Properties.Technique = &jsonTechnique{t.ID, t.Name, nonNil(t.Tactics), t.URL}
	}
	for _, fx := range f.Fixes {
		res.Fixes = append(res.Fixes, sarifFixOf(fx))
	}
	return res
}

func sarifLocationOf(r diag.Range) sarifLocation {
	loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifactOf(r.File)}}
	if r.Start.IsValid() {
		reg := &sarifRegion{StartLine: r.Start.Line, StartColumn: r.Start.Column}
		if r.End.IsValid() {
			reg.EndLine, reg.EndColumn = r.End.Line, r.End.Column
		}
		loc.PhysicalLocation.Region = reg
	}
	return loc
}

// sarifArtifactOf names a file: a relative path as a relative URI under
// %SRCROOT%, an absolute one as a file: URI.
func sarifArtifactOf(file string) sarifArtifact {
	p := filepath.ToSlash(file)
	if filepath.IsAbs(file) {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // C:/x on Windows
		}
		return sarifArtifact{URI: (&url.URL{Scheme: "file", Path: p}).String()}
	}
	return sarifArtifact{URI: (&url.URL{Path: path.Clean(p)}).EscapedPath(), URIBaseID: srcRoot}
}

// sarifFixOf turns a fix into artifact changes, one per file in the order
// the edits first name it, each edit a replacement of its bytes.
func sarifFixOf(fx diag.Fix) sarifFix {
	out := sarifFix{Description: sarifText{Text: fx.Title}}
	if fx.Unsafe {
		out.Properties = &sarifFixProperties{Unsafe: true}
	}
	at := map[string]int{}
	for _, e := range fx.Edits {
		i, ok := at[e.File]
		if !ok {
			i = len(out.ArtifactChanges)
			at[e.File] = i
			out.ArtifactChanges = append(out.ArtifactChanges, sarifChange{ArtifactLocation: sarifArtifactOf(e.File)})
		}
		off, n := e.Offset, e.Length
		rep := sarifReplacement{DeletedRegion: sarifRegion{ByteOffset: &off, ByteLength: &n}}
		if e.Text != "" {
			rep.InsertedContent = &sarifInsert{Text: e.Text}
		}
		out.ArtifactChanges[i].Replacements = append(out.ArtifactChanges[i].Replacements, rep)
	}
	return out
}
