package check_test

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/falcomitre/falcomitre/check"
	"github.com/falcomitre/falcomitre/rules"
)

// TestReaderReadsAsReadTags: the cached reading is ReadTags', rule by
// rule, with the cache's buffer reused between them.
func TestReaderReadsAsReadTags(t *testing.T) {
	cat := embedded(t)
	paths, err := filepath.Glob(filepath.Join("testdata", "*", "*.yaml"))
	if err != nil || len(paths) == 0 {
		t.Fatal(paths, err)
	}
	opt := check.Options{NotATTACKPrefixes: []string{"mitre_ignored"}}
	rd := check.NewReader(cat, opt)
	for _, path := range paths {
		set, err := rules.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range set.Rules {
			want := check.ReadTags(cat, r, opt)
			got := rd.Tags(r)
			if len(got) != len(want) {
				t.Fatalf("%s: rule %q: %d tags, want %d", path, r.Name, len(got), len(want))
			}
			for i := range want {
				if !reflect.DeepEqual(*got[i], *want[i]) {
					t.Errorf("%s: rule %q: tag %d is %+v, want %+v", path, r.Name, i, *got[i], *want[i])
				}
			}
			if rd.Watch(r) != nil {
				t.Errorf("%s: rule %q: a watch with no observation", path, r.Name)
			}
		}
	}
}
