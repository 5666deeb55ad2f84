package coverage_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/condition"
	"github.com/falcomitre/falcomitre/coverage"
	"github.com/falcomitre/falcomitre/evidence"
	"github.com/falcomitre/falcomitre/rules"
)

// TestEvidence: with observations each rule knows what it watches, and
// the model says how it meets what ATT&CK watches for a technique.
func TestEvidence(t *testing.T) {
	set, err := rules.Load(filepath.Join("testdata", "rules.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cat := catalog(t)
	opt := check.Options{Observations: evidence.Observations(condition.Analyze(set))}
	m, err := coverage.Build(set, cat, coverage.Options{Check: opt})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*coverage.Rule{}
	for _, r := range m.Rules {
		byName[r.Name] = r
	}
	// An execve rule meets Unix Shell's auditd:SYSCALL "execve".
	if v := m.Evidence(byName["Sub technique"], cat.Technique("T1059.004")); v == nil || v.Level != evidence.Channel {
		t.Errorf("Sub technique on T1059.004: %+v", v)
	}
	// A k8s_audit rule reads kubernetes:apiserver, which T1611's
	// Containers analytic names.
	if v := m.Evidence(byName["Kubernetes"], cat.Technique("T1611")); v == nil || v.Level != evidence.LogSource {
		t.Errorf("Kubernetes on T1611: %+v", v)
	}
	// What ATT&CK says to watch, on the platforms in scope.
	var watch []string
	for _, w := range m.Watches(cat.Technique("T1611")) {
		watch = append(watch, w.Analytic+" "+w.Platform+" "+w.Log+" "+w.Component)
	}
	if got := strings.Join(watch, "; "); !strings.Contains(got, "AN0613 Linux auditd:SYSCALL OS API Execution") ||
		!strings.Contains(got, "AN0612 Containers docker:daemon Container Creation") || strings.Contains(got, "Windows") {
		t.Errorf("Watches(T1611) = %s", got)
	}

	// Without observations there is no verdict.
	plain := fixture(t, coverage.Options{})
	if v := plain.Evidence(plain.Rules[0], cat.Technique("T1059.004")); v != nil {
		t.Errorf("verdict without observations: %+v", v)
	}
}
