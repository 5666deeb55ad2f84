package dataset

import "github.com/falcomitre/falcomitre/attack"

// The attack package owns how versions are read and ordered; these keep
// the call sites short.
var (
	compareVersions  = attack.CompareVersions
	normalizeVersion = attack.NormalizeVersion
)
