// Package text splits the words of rules and ATT&CK descriptions into the
// stems that suggestions compare.
package text

import "strings"

// Words returns the stems of the words of s that can say what a rule or a
// technique is about: lowercase, at least three letters, no stop word.
// Paths and command lines split into their parts, so "/etc/shadow" and
// "proc.cmdline" give their words too.
func Words(s string) []string {
	var out []string
	Each(s, func(_, stem string) { out = append(out, stem) })
	return out
}

// Each calls fn with each word of s that Words keeps, lowercase, and its
// stem.
func Each(s string, fn func(word, stem string)) {
	start := -1
	for i := 0; i <= len(s); i++ {
		var c byte
		if i < len(s) {
			c = s[i]
		}
		alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		switch {
		case alnum && start < 0:
			start = i
		case !alnum && start >= 0:
			w := strings.ToLower(s[start:i])
			if st := Stem(w); st != "" {
				fn(w, st)
			}
			start = -1
		}
	}
}

// Stem reduces a lowercase word to a crude stem: a few abbreviations
// spelt out, plural and verb endings off, and the first six letters kept.
// Six letters join credential and credentials, escalate and escalation,
// discover and discovery, which is what matching rule text against
// ATT&CK's names needs; a real stemmer would do better at a cost this
// does not repay.
func Stem(w string) string {
	if len(w) < 3 || stop[w] || isNumber(w) {
		return ""
	}
	if s, ok := spelled[w]; ok {
		w = s
	}
	for _, suf := range []string{"ations", "ation", "ings", "ing", "ates", "ated", "ate", "ers", "er", "ies", "es", "ed", "e", "s"} {
		if len(w)-len(suf) >= 4 && strings.HasSuffix(w, suf) && !strings.HasSuffix(w, "ss") {
			w = w[:len(w)-len(suf)]
			break
		}
	}
	// "scann" (scanner, scanning) is "scan".
	if n := len(w); n >= 4 && w[n-1] == w[n-2] && w[n-1] != 's' && w[n-1] != 'l' {
		w = w[:n-1]
	}
	if len(w) > 6 {
		w = w[:6]
	}
	return w
}

func isNumber(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// spelled expands the abbreviations Falco rules use for words ATT&CK
// spells out.
var spelled = map[string]string{
	"k8s": "kubernetes", "kubectl": "kubernetes", "creds": "credentials", "cred": "credential",
	"priv": "privilege", "privs": "privileges", "exec": "execute", "env": "environment",
	"lib": "library", "libs": "libraries", "dir": "directory", "dirs": "directories",
	"proc": "process", "procs": "processes", "pwd": "password", "passwd": "password",
	"cmd": "command", "cmdline": "command", "args": "arguments", "conf": "configuration",
	"config": "configuration", "net": "network", "svc": "service", "execve": "execute",
}

// stop are words that say nothing about a technique: English glue and the
// words every Falco rule or ATT&CK description uses.
var stop = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an and are as at be been being but by can could did do does
		for from had has have how if in into is it its may might more most no not of on or other
		our out over per should so some such than that the their them then there these they this
		those through to under up use used uses using via was we were what when where which while
		who will with within without would you your also any all each only own same both
		adversaries adversary attacker attackers detect detects detected detection rule rules
		falco event events evt fd name type value values true false null none
		potential potentially possible suspicious attempt attempts activity activities
		allow allows allowed known unknown custom customize customized macro list lists
		output priority tags desc condition`) {
		m[w] = true
	}
	return m
}()
