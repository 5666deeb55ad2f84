package rules

// kindKeys are the keys that decide an item's kind, in the order Falco's
// read_item tests them (spec §1).
var kindKeys = []struct {
	key  string
	kind Kind
}{
	{"required_engine_version", KindRequiredEngineVersion},
	{"required_plugin_versions", KindRequiredPluginVersions},
	{"list", KindList},
	{"macro", KindMacro},
	{"rule", KindRule},
}

// String returns the key that introduces items of kind k ("rule", …), or
// "unknown".
func (k Kind) String() string {
	for _, kk := range kindKeys {
		if kk.kind == k {
			return kk.key
		}
	}
	return "unknown"
}

var modeNames = [...]string{Define: "define", LegacyAppend: "append", Override: "override", EnableOnly: "enable-only"}

// String returns a lower-case name for m, as the golden files print it.
func (m Mode) String() string {
	if m < 0 || int(m) >= len(modeNames) {
		return "mode(?)"
	}
	return modeNames[m]
}

// allowedKeys are the keys Falco knows for each item kind; others get the
// LOAD_UNKNOWN_KEY warning (spec §1, warn_unknown_keys, since 0.44.0).
var allowedKeys = map[Kind]map[string]bool{
	KindRule: set("rule", "condition", "output", "desc", "priority", "source", "enabled",
		"capture", "capture_duration", "warn_evttypes", "skip-if-unknown-filter", "tags",
		"exceptions", "override", "append"),
	KindMacro: set("macro", "condition", "append", "override"),
	KindList:  set("list", "items", "append", "override"),
}

func set(keys ...string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}
