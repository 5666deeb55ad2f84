package report

// ProjectURL is falcomitre's home, where its docs are published.
const ProjectURL = "https://github.com/falcomitre/falcomitre"

// DocURL is the page of a check code, docs/checks/<code>.md, as SARIF's
// helpUri and the Markdown report link to it.
func DocURL(code string) string {
	return ProjectURL + "/blob/main/docs/checks/" + code + ".md"
}
