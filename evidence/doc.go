// Package evidence weighs a Falco rule's ATT&CK technique tags against
// what the rule observes. ATT&CK (18 and later) says, per technique and
// platform, which log sources and channels its analytics watch and which
// data components they feed; a condition.Observation says which event
// source, event types and fields a rule watches. The table in table.go
// translates the second into the vocabulary of the first, and Match
// compares them.
//
// The verdicts are evidence, not proof: a rule can tag a technique its
// events cannot show (a Windows technique on a syscall rule) or show it
// through a channel ATT&CK's analytics do not name. docs/evidence.md has
// the table, how verdicts are made and how they fare on real rules.
package evidence
