package evidence_test

import "github.com/falcomitre/falcomitre/attack"

func attackParse(tag string) string {
	if r := attack.ParseTag(tag); r.Form == attack.TechniqueID {
		return r.ID
	}
	return ""
}
