// Package rulegen writes synthetic Falco rule sets of any size, for the
// scale benchmarks of issue 9: lists, macros and rules in a main file, a
// second file that overrides and appends to them, and tags in every
// spelling the checks read, so that every check and fix has work to do.
// The output depends only on the size: runs are comparable.
package rulegen

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// tagSets cycle through the rules: canonical, misspelt, revoked, duplicated
// and mismatched tags, in flow and block style.
var tagSets = []string{
	"[container, shell, mitre_execution, T1059.004]",
	"[host, mitre_privilege_escalation, T1611]",
	"[container, MITRE_TA0005_defense_evasion, t1070.002]",
	"[host, mitre_defense_evasion, T1089]",
	"[container, mitre_execution, T1611]",
	"[network, mitre_command_and_control, T1071, T1071]",
	"\n    - host\n    - mitre_credential_access\n    - T1555",
	"\n    - container\n    - \"mitre_discovery\"\n    - T1613",
}

// events cycle through the macros' event types.
var events = []string{"execve, execveat", "open, openat, openat2", "connect, accept", "ptrace", "unlink, unlinkat", "mount"}

// Write writes n rules as two files in dir: 1-main.yaml with n/4 lists,
// n/4 macros and n rules, and 2-local.yaml with an override or an append
// for one rule in ten. It returns the two paths in load order, which is
// also their order as a directory or a shell glob.
func Write(dir string, n int) ([]string, error) {
	main := filepath.Join(dir, "1-main.yaml")
	local := filepath.Join(dir, "2-local.yaml")
	if err := writeFile(main, func(w io.Writer) { writeMain(w, n) }); err != nil {
		return nil, err
	}
	if err := writeFile(local, func(w io.Writer) { writeLocal(w, n) }); err != nil {
		return nil, err
	}
	return []string{main, local}, nil
}

func writeMain(w io.Writer, n int) {
	fmt.Fprintln(w, "- required_engine_version: 0.31.0")
	fmt.Fprintln(w, "\n- macro: container\n  condition: (container.id != host)")
	macros := max(n/4, 1)
	for i := range macros {
		fmt.Fprintf(w, "\n- list: bins_%d\n  items: [bin_%d_a, bin_%d_b, \"/usr/bin/tool_%d\"]\n", i, i, i, i)
		fmt.Fprintf(w, "\n- macro: watched_%d\n  condition: (evt.type in (%s) and proc.name in (bins_%d))\n", i, events[i%len(events)], i)
	}
	// About 300 bytes a rule: 100k rules are the 30 MB of YAML issue 9
	// sizes its target by. A comment every hundred rules keeps comments
	// in the mix.
	for i := range n {
		if i%100 == 0 {
			fmt.Fprintf(w, "\n# Rules %d to %d.", i, i+99)
		}
		fmt.Fprintf(w, "\n- rule: Generated rule %d\n", i)
		fmt.Fprintf(w, "  desc: Generated activity %d.\n", i)
		fmt.Fprintf(w, "  condition: >\n    watched_%d and container\n    and not proc.pname in (bins_%d)\n", i%macros, (i+1)%macros)
		fmt.Fprintf(w, "  output: Event %d (user=%%user.name cmd=%%proc.cmdline)\n", i)
		fmt.Fprintf(w, "  priority: WARNING\n  tags: %s\n", tagSets[i%len(tagSets)])
	}
}

func writeLocal(w io.Writer, n int) {
	for i := 0; i < n; i += 10 {
		switch (i / 10) % 3 {
		case 0:
			fmt.Fprintf(w, "- rule: Generated rule %d\n  tags: [mitre_persistence]\n  override:\n    tags: append\n\n", i)
		case 1:
			fmt.Fprintf(w, "- rule: Generated rule %d\n  condition: and fd.num >= 0\n  override:\n    condition: append\n\n", i)
		default:
			fmt.Fprintf(w, "- rule: Generated rule %d\n  enabled: false\n\n", i)
		}
	}
}

// writeFile writes through a buffer; the sets run to tens of megabytes.
func writeFile(path string, fill func(io.Writer)) error {
	fh, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := newBuffered(fh)
	fill(bw)
	if err := bw.Flush(); err != nil {
		fh.Close()
		return err
	}
	return fh.Close()
}
