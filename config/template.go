package config

// Template is the commented configuration `falcomitre init` writes. It
// sets every key to its default, so that loading it gives Default(); a
// test holds it to that.
const Template = `# falcomitre configuration: what falcomitre check and falcomitre fix do in
# this directory and below it. Flags override it; every key is optional.
# Keys: https://github.com/falcomitre/falcomitre/blob/main/docs/configuration.md

# The ATT&CK data to check against (flags: --domain, --attack-version,
# --attack-data, --attack-sha256). Empty: the newest embedded Enterprise.
attack:
  domain: ""     # enterprise, mobile or ics
  version: ""    # a release, such as "18.1": embedded, or stored by 'falcomitre attack update'
  data: ""       # a STIX bundle (relative to this file), an https:// URL, or a version
  sha256: ""     # with an https:// data URL: the SHA-256 the download must have

# How many of a technique's tactics a rule must tag (flag: --tactic-policy).
# one: at least one, the falcosecurity convention. all: every tactic of every
# technique; incomplete-tactics becomes an error whose fix adds the missing tags.
tactic-policy: one

# Severity by check code: error, warning or note. 'falcomitre explain CODE'
# says what a check means. For example:
#   incomplete-tactics: warning
#   name-mismatch: note
severity: {}

# Check codes not to run, for example [missing-technique].
disable: []

# Exit 1 when a finding is at or above this: error, warning, note or never
# (flag: --fail-on).
fail-on: error

# Rules files not to check, as glob patterns: "*", "?" and "[...]" match
# within a path element, "**" any number of them. A pattern without "/"
# matches a file or directory name anywhere; one with "/" matches the path
# relative to this file's directory, or as given on the command line.
# For example: ["vendor/**", "*_local.yaml"].
exclude: []

# Tag prefixes that are never ATT&CK: tags that start with one (in any case)
# are skipped by every check. For example: [mitre_internal_, TA_team_].
not-attack-prefixes: []
`
