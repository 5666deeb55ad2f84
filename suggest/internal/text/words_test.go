package text

import (
	"slices"
	"testing"
)

func TestWords(t *testing.T) {
	for in, want := range map[string][]string{
		"Read sensitive file untrusted":     {"read", "sensit", "file", "untrus"},
		"credentials Credential creds":      {"creden", "creden", "creden"},
		"/etc/shadow and proc.cmdline":      {"etc", "shadow", "proces", "comman"},
		"Scanner scanning scan":             {"scan", "scan", "scan"},
		"Escalation escalate executed":      {"escal", "escal", "execut"},
		"the adversary may use T1059 12345": {"t1059"},
	} {
		if got := Words(in); !slices.Equal(got, want) {
			t.Errorf("Words(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTopWords(t *testing.T) {
	got := TopWords(map[string]string{
		"a": "Adversaries may dump /etc/shadow (Citation: Someone) to read hashes of S0002 [Mimikatz](https://attack.mitre.org/software/S0002).",
		"b": "Adversaries may use cron to run commands.",
	}, 8)
	// Equal weights go by stem; citations, IDs and link targets are gone.
	if got["a"] != "dump etc hashes mimikatz read shadow" || got["b"] != "commands cron run" {
		t.Errorf("TopWords = %q", got)
	}
}
