package coverage

import (
	"slices"

	"github.com/falcomitre/falcomitre/attack"
	"github.com/falcomitre/falcomitre/evidence"
)

// watchPlatforms are what ATT&CK says to watch is shown for when the
// scope has no platform filter: those of Falco's syscall source.
var watchPlatforms = []string{"Linux", "Containers"}

// Watches returns what ATT&CK's analytics say to watch for t on the
// platforms in scope (Linux and Containers when every technique counts),
// one entry per log source reference, in analytic order.
func (m *Model) Watches(t *attack.Technique) []evidence.Watched {
	plats := m.Scope.Platforms
	if len(plats) == 0 {
		plats = watchPlatforms
	}
	var out []evidence.Watched
	for i := range t.Analytics {
		a := &t.Analytics[i]
		if !a.On(plats...) {
			continue
		}
		for _, ls := range a.LogSources {
			w := evidence.Watched{Analytic: a.ID, URL: a.URL(), Log: ls.Name, Channel: ls.Channel}
			if len(a.Platforms) > 0 {
				w.Platform = a.Platforms[0]
			}
			if d := m.Catalog.DataComponent(ls.Component); d != nil {
				w.Component = d.Name
			}
			out = append(out, w)
		}
	}
	return out
}

// Evidence weighs what rule r watches against technique t, nil when the
// rule's condition was not analysed. The verdict is shared with the
// rules that watch alike, and only to be read.
func (m *Model) Evidence(r *Rule, t *attack.Technique) *evidence.Verdict {
	if r.Watch == nil || t == nil {
		return nil
	}
	if m.matcher == nil {
		m.matcher = evidence.NewMatcher(m.Catalog)
		m.verdicts = map[verdictKey]*evidence.Verdict{}
	}
	k := verdictKey{r.Watch, t}
	v, ok := m.verdicts[k]
	if !ok {
		v = m.matcher.Judge(r.Watch, t)
		m.verdicts[k] = v
	}
	return v
}

// verdictKey is a question Evidence answers.
type verdictKey struct {
	w *evidence.Watch
	t *attack.Technique
}

// WatchPlatforms returns the platforms Watches reads.
func (m *Model) WatchPlatforms() []string {
	if len(m.Scope.Platforms) == 0 {
		return slices.Clone(watchPlatforms)
	}
	return m.Scope.Platforms
}
