package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHostileConfig: a configuration file built to hurt gets a placed
// error, quickly.
func TestHostileConfig(t *testing.T) {
	var bomb strings.Builder
	bomb.WriteString("x0: &a0 [a, a, a, a, a, a, a, a, a, a]\n")
	for i := 1; i < 9; i++ {
		fmt.Fprintf(&bomb, "x%d: &a%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 10), ", "))
	}
	bomb.WriteString("exclude: *a8\n")
	for _, tt := range []struct{ name, src, want string }{
		{"alias bomb", bomb.String(), "c.yaml:1:1: unknown key"},
		{"deep nesting", "exclude: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000), "c.yaml:1:1: invalid yaml: exceeded max depth of 10000"},
		{"binary", "\x00\x01\x02", "c.yaml:1:1: invalid yaml"},
		{"top-level list", "- a\n", "c.yaml:1:1:"},
		{"two documents", "fail-on: error\n---\nfail-on: warning\n", "c.yaml:2:1: a configuration file holds one YAML document"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("c.yaml", []byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}

	t.Run("over the size limit", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), ".falcomitre.yaml")
		f, _ := os.Create(p)
		f.Truncate(MaxFileSize + 1)
		f.Close()
		_, err := Load(p)
		if err == nil || !strings.Contains(err.Error(), "cannot read configuration: the file is 1.0 MB, over the 1 MiB limit") {
			t.Errorf("error = %v", err)
		}
	})
}
