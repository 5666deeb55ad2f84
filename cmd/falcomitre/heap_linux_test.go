//go:build linux && (amd64 || arm64 || ppc64le || s390x || riscv64 || loong64)

package main

import (
	"bufio"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// TestAdviseHugePages: after adviseHugePages, what the heap grows into
// is in huge pages. It runs in a fresh process, whose heap has not yet
// been touched, as a run's has not.
func TestAdviseHugePages(t *testing.T) {
	mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || !strings.Contains(string(mode), "[madvise]") && !strings.Contains(string(mode), "[always]") {
		t.Skip("transparent huge pages are off here")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHugePagesChild$", "-test.v")
	cmd.Env = append(os.Environ(), "FALCOMITRE_HUGE_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.Contains(string(out), "--- PASS: TestHugePagesChild") {
		t.Fatalf("the child did not run:\n%s", out)
	}
	t.Logf("%s", out)
}

func TestHugePagesChild(t *testing.T) {
	if os.Getenv("FALCOMITRE_HUGE_CHILD") == "" {
		t.Skip("run by TestAdviseHugePages")
	}
	before := anonHuge(t)
	adviseHugePages(256 << 20)
	keep := make([][]byte, 0, 1<<16)
	for range 1 << 16 {
		keep = append(keep, make([]byte, 512)) // 32 MB of small objects, as a model is
	}
	after := anonHuge(t)
	runtime.KeepAlive(keep)
	t.Logf("huge pages: %d MB before, %d MB after", before>>20, after>>20)
	if after-before < 16<<20 {
		t.Errorf("32 MB of heap brought %d KB of huge pages", (after-before)>>10)
	}
}

// anonHuge returns the process's anonymous memory in huge pages.
func anonHuge(t *testing.T) int64 {
	f, err := os.Open("/proc/self/smaps_rollup")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "AnonHugePages:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	t.Skip("no AnonHugePages in smaps_rollup")
	return 0
}
