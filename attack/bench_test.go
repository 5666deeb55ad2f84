package attack

import "testing"

// BenchmarkLoadFile18 reads the 7.4 MB gzipped enterprise 18.1 bundle
// (33 MB of JSON), gunzip included. Budget: 300 ms on two cores.
func BenchmarkLoadFile18(b *testing.B) {
	p := sharedPath(b, "enterprise-attack-18.1.stix20.json.gz")
	for b.Loop() {
		if _, err := LoadFile(p, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEmbedded decodes the embedded enterprise JSON, bypassing the
// cache: what a run would pay for a release without compiled Go source.
// Budget: 1–2 ms.
func BenchmarkEmbedded(b *testing.B) {
	r := EmbeddedRelease{DomainEnterprise, "18.1"}
	for b.Loop() {
		if _, err := decodeEmbedded(r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEmbeddedCompiled is what a CLI run pays for the embedded
// catalog: indexing the compiled-in one.
func BenchmarkEmbeddedCompiled(b *testing.B) {
	for b.Loop() {
		c := *compiled[0] // a copy, so the shared catalog stays as it is
		c.index()
	}
}
