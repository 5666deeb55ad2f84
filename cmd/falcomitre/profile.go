package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/spf13/cobra"
)

// Profiles of a real run, for BENCHMARKS.md and for users who report a
// slow one; hidden, as golangci-lint's are not everyday flags.
func registerProfileFlags(root *cobra.Command) {
	pf := root.PersistentFlags()
	pf.String("cpu-profile", "", "write a CPU profile of the run to this file (go tool pprof)")
	pf.String("mem-profile", "", "write a heap profile at the end of the run to this file")
	pf.MarkHidden("cpu-profile")
	pf.MarkHidden("mem-profile")
}

// startProfiles starts what cmd's profile flags ask for; stop writes the
// profiles and says on stderr when one could not be written.
func startProfiles(cmd *cobra.Command, stderr io.Writer) (stop func()) {
	cpu, _ := cmd.Flags().GetString("cpu-profile")
	mem, _ := cmd.Flags().GetString("mem-profile")
	var cpuFile *os.File
	if cpu != "" {
		f, err := os.Create(cpu)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(stderr, "falcomitre: cpu profile:", err)
		} else {
			cpuFile = f
		}
	}
	return func() {
		if cpuFile != nil {
			pprof.StopCPUProfile()
			cpuFile.Close()
		}
		if mem == "" {
			return
		}
		f, err := os.Create(mem)
		if err == nil {
			runtime.GC() // the heap profile shows what is live
			err = pprof.WriteHeapProfile(f)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			fmt.Fprintln(stderr, "falcomitre: memory profile:", err)
		}
	}
}
