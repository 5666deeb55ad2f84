// Package dataset finds ATT&CK data wherever it lives: embedded in the
// binary, in the user's cache, in a STIX file, or at an HTTPS URL, which it
// downloads, verifies and caches.
//
// One call, Open, resolves whatever a user names; Update stores a release
// from MITRE's index so that later runs find it offline by version.
package dataset
