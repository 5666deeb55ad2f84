package evidence

import (
	"slices"
	"strings"
	"sync"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/condition"
)

// Verdict is how a rule's observation meets what ATT&CK says to watch for
// one technique.
type Verdict struct {
	Technique string `json:"technique"`
	Level     Level  `json:"level"`
	// Platforms are the platforms of the rule's event source in the
	// catalog: the ones ATT&CK's side is read for.
	Platforms []string `json:"platforms,omitempty"`
	// ATTACK is what ATT&CK's analytics watch on those platforms (or,
	// for releases before 18, the technique's data components), each
	// with how the rule meets it.
	ATTACK []Watched `json:"attack,omitempty"`
	Rule   *Watch    `json:"rule"`
	// Note says why there is no judgement, for the levels below Weak.
	Note string `json:"note,omitempty"`
}

// Watched is one log source reference of an analytic, or one data
// component when the release has no analytics.
type Watched struct {
	Analytic  string `json:"analytic,omitempty"` // "AN1081"
	URL       string `json:"url,omitempty"`
	Platform  string `json:"platform,omitempty"`
	Log       string `json:"log,omitempty"` // "auditd:SYSCALL"
	Channel   string `json:"channel,omitempty"`
	Component string `json:"component,omitempty"` // "Process Creation"
	// By is how the rule meets it: Channel, LogSource, Component, or
	// Unknown (0) when it does not; On is what it meets it on: the
	// syscall, the log or the component.
	By Level  `json:"by,omitempty"`
	On string `json:"on,omitempty"`
}

// Matched returns the entries of ATTACK the rule meets.
func (v *Verdict) Matched() []Watched {
	var out []Watched
	for _, w := range v.ATTACK {
		if w.By != Unknown {
			out = append(out, w)
		}
	}
	return out
}

// Matcher weighs observations against one catalog. It works out each
// technique's side once, on first use; it is safe for concurrent use.
type Matcher struct {
	cat       *attack.Catalog
	platforms []string
	// sourcePlatforms are SourcePlatforms for each source asked, once.
	sourcePlatforms sync.Map // source → []string

	weak  sync.Map // weakKey → *[3]string, for WeakText
	known sync.Map // *attack.Technique → *side, sides already worked out

	mu    sync.Mutex
	sides map[*attack.Technique]*side
	subs  map[string][]*attack.Technique // live sub-techniques by parent ID
}

// side is what ATT&CK says to watch for one technique, ready to compare.
type side struct {
	entries []entry
	// analytics is set when the technique (or a sub-technique counted
	// with it) has analytics on some platform.
	analytics bool
	// components are its data component names, for releases before 18.
	components []string
}

// entry is one log source reference of an analytic.
type entry struct {
	a         *attack.Analytic
	ls        *attack.LogSource
	log       string   // the log's name in lower case, to compare
	words     []string // the channel's words, for SyscallLogs
	component string
	// url and platform are the analytic's, worked out once: a check run
	// judges the same techniques for many rules.
	url, platform string
}

// NewMatcher returns a Matcher for cat.
func NewMatcher(cat *attack.Catalog) *Matcher {
	m := &Matcher{cat: cat, platforms: Platforms(cat), sides: map[*attack.Technique]*side{}, subs: map[string][]*attack.Technique{}}
	for _, t := range cat.Techniques {
		if t.Parent != "" && !t.Revoked && !t.Deprecated {
			m.subs[t.Parent] = append(m.subs[t.Parent], t)
		}
	}
	return m
}

// Catalog returns the catalog the matcher reads.
func (m *Matcher) Catalog() *attack.Catalog { return m.cat }

// SourcePlatforms is SourcePlatforms for the matcher's catalog, without
// walking its techniques again. Callers must not change the slice.
func (m *Matcher) SourcePlatforms(source string) []string {
	if v, ok := m.sourcePlatforms.Load(source); ok {
		return v.([]string)
	}
	p := sourcePlatformsIn(m.platforms, source)
	m.sourcePlatforms.Store(source, p)
	return p
}

// OnPlatform reports whether t is on a platform the event source runs
// on, or has no platforms: then Judge's verdict cannot be
// PlatformMismatch, which spares working out the technique's side.
func (m *Matcher) OnPlatform(source string, t *attack.Technique) bool {
	return len(t.Platforms) == 0 || intersects(t.Platforms, m.SourcePlatforms(source))
}

// Match weighs one observation against one technique; it is
// NewMatcher(cat).Judge(Observe(obs), t) for a single question.
func Match(obs *condition.Observation, t *attack.Technique, cat *attack.Catalog) *Verdict {
	return NewMatcher(cat).Judge(Observe(obs), t)
}

// Judge weighs what a rule watches against technique t. ATT&CK's side is
// the analytics on the platforms of the rule's event source, and those on
// other platforms that read a log the source sees: T1552.005 (Cloud
// Instance Metadata API) is an IaaS technique, but its analytic reads
// ebpf:syscalls, which a syscall rule sees.
func (m *Matcher) Judge(w *Watch, t *attack.Technique) *Verdict {
	return m.judge(w, t, true)
}

// WeakText is what a finding of a Weak verdict of t says: the platforms
// of w's source, what ATT&CK watches there, and Verdict.Detail. A weak
// verdict is one where the rule meets nothing on ATT&CK's side, so these
// depend on t and the source alone and are worked out once for each
// pair: a large rule set has thousands of weak tags of a few techniques.
// It is only right to call when Level(w, t) is Weak.
func (m *Matcher) WeakText(w *Watch, t *attack.Technique) (platforms, watches, detail string) {
	key := weakKey{t, w.Source}
	if v, ok := m.weak.Load(key); ok {
		x := v.(*[3]string)
		return x[0], x[1], x[2]
	}
	v := m.judge(w, t, true)
	x := &[3]string{andList(v.Platforms), v.Watches(), v.Detail()}
	m.weak.Store(key, x)
	return x[0], x[1], x[2]
}

type weakKey struct {
	t      *attack.Technique
	source string
}

// Level is Judge's level alone, worked out without listing ATT&CK's side:
// the checks call it for every tag and Judge only to explain a finding.
func (m *Matcher) Level(w *Watch, t *attack.Technique) Level {
	return m.judge(w, t, false).Level
}

// judge is Judge; without list, it stops at the first Channel match and
// keeps a placeholder for ATT&CK's side.
func (m *Matcher) judge(w *Watch, t *attack.Technique, list bool) *Verdict {
	v := &Verdict{Technique: t.ID, Rule: w, Platforms: m.SourcePlatforms(w.Source)}
	if len(v.Platforms) == 0 {
		v.Note = "falcomitre knows no ATT&CK platform for event source " + quote(w.Source)
		return v
	}
	if w.Source == condition.SyscallSource && !w.AllEvents && w.EventTypes != nil && len(w.EventTypes) == 0 {
		// never_true and the like: Falco's index gives the rule no event.
		v.Note = "the rule's condition matches no event type"
		return v
	}
	s := m.side(t)
	onPlatform := len(t.Platforms) == 0 || intersects(t.Platforms, v.Platforms)
	logs := sourceLogs[w.Source]
	for i := range s.entries {
		e := &s.entries[i]
		if !intersects(e.a.Platforms, v.Platforms) && !logs[e.log] {
			continue
		}
		if w.Broad() {
			// Only whether there is anything to compare matters.
			v.ATTACK = append(v.ATTACK, Watched{})
			break
		}
		by, on := e.meets(w)
		v.Level = max(v.Level, by)
		switch {
		case list:
			if v.ATTACK == nil {
				v.ATTACK = make([]Watched, 0, len(s.entries)-i)
			}
			v.ATTACK = append(v.ATTACK, Watched{Analytic: e.a.ID, URL: e.url, Platform: e.platform,
				Log: e.ls.Name, Channel: e.ls.Channel, Component: e.component, By: by, On: on})
		case len(v.ATTACK) == 0:
			v.ATTACK = append(v.ATTACK, Watched{})
		}
		if !list && v.Level == Channel {
			break
		}
	}
	switch {
	case !onPlatform && len(v.ATTACK) == 0:
		v.Level = PlatformMismatch
		v.Note = t.ID + " is for " + andList(t.Platforms) + "; " + w.Source + " rules see " + andList(v.Platforms)
		return v
	case w.Broad():
		v.ATTACK = nil
		v.Level = Broad
		v.Note = "the rule does not narrow its event types, so it watches everything"
		return v
	case len(v.ATTACK) > 0:
	case s.analytics || len(s.components) == 0:
		v.ATTACK = nil
		v.Level = NoAnalytics
		v.Note = m.cat.Domain + " " + m.cat.Version + " names no analytic for " + t.ID + " on " + andList(v.Platforms)
		return v
	default:
		// Before ATT&CK 18 the data components are all there is, and
		// they are not per platform.
		for _, c := range s.components {
			var by Level
			var on string
			if slices.Contains(w.Components, c) {
				by, on = Component, c
			}
			v.ATTACK = append(v.ATTACK, Watched{Component: c, By: by, On: on})
			v.Level = max(v.Level, by)
		}
	}
	if v.Level < Weak {
		v.Level = Weak
	}
	return v
}

// meets says how the rule's watch meets one log source reference, and
// on what.
func (e *entry) meets(w *Watch) (Level, string) {
	if e.words != nil && w.Source == condition.SyscallSource {
		for _, word := range e.words {
			if slices.Contains(w.Syscalls, word) {
				return Channel, word
			}
		}
	}
	if w.logs[e.log] {
		return LogSource, e.ls.Name
	}
	if e.component != "" && slices.Contains(w.Components, e.component) {
		return Component, e.component
	}
	return Unknown, ""
}

// side returns t's side, working it out on first use. A technique that
// has sub-techniques counts their analytics too: tagging the parent says
// some form of it, and ATT&CK files most of what to watch under the
// forms.
func (m *Matcher) side(t *attack.Technique) *side {
	// Checks on every core ask for sides all the time: read without the
	// lock once a side is known.
	if s, ok := m.known.Load(t); ok {
		return s.(*side)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if s := m.sides[t]; s != nil {
		return s
	}
	s := &side{}
	techs := []*attack.Technique{t}
	if t.Parent == "" {
		techs = append(techs, m.subs[t.ID]...)
	}
	n := 0
	for _, x := range techs {
		for i := range x.Analytics {
			s.analytics = true
			if seen(&x.Analytics[i], nil) {
				n += len(x.Analytics[i].LogSources)
			}
		}
	}
	s.entries = make([]entry, 0, n)
	for _, x := range techs {
		for i := range x.Analytics {
			a := &x.Analytics[i]
			url, platform := a.URL(), strings.Join(a.Platforms, ", ")
			for j := range a.LogSources {
				ls := &a.LogSources[j]
				if !seen(a, ls) {
					continue
				}
				e := entry{a: a, ls: ls, log: strings.ToLower(ls.Name), component: m.componentName(ls.Component), url: url, platform: platform}
				if slices.Contains(SyscallLogs, ls.Name) {
					e.words = channelWords(ls.Channel)
					if e.words == nil {
						e.words = []string{}
					}
				}
				s.entries = append(s.entries, e)
			}
		}
	}
	for _, k := range t.DataComponents {
		if n := m.componentName(k); n != "" && !slices.Contains(s.components, n) {
			s.components = append(s.components, n)
		}
	}
	m.sides[t] = s
	m.known.Store(t, s)
	return s
}

// seen reports whether some Falco event source can see an analytic's log
// source ls (any of them, for nil): the analytic is on a platform of a
// source, or reads a log one reads. The others (Windows, macOS, network
// devices) can never be compared, so a side does not hold them.
func seen(a *attack.Analytic, ls *attack.LogSource) bool {
	for _, p := range a.Platforms {
		if allPlatforms[p] {
			return true
		}
	}
	if ls == nil {
		for i := range a.LogSources {
			if allLogs[strings.ToLower(a.LogSources[i].Name)] {
				return true
			}
		}
		return false
	}
	return allLogs[strings.ToLower(ls.Name)]
}

// componentName returns the name of the data component with key k.
func (m *Matcher) componentName(k string) string {
	if k == "" {
		return ""
	}
	if d := m.cat.DataComponent(k); d != nil {
		return d.Name
	}
	return ""
}

func quote(s string) string { return `"` + s + `"` }
