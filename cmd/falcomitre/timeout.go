package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"
)

// defaultTimeout bounds a whole run. The largest rule sets take seconds
// (BENCHMARKS.md); a download has its own two-minute limit. A run past
// this is stuck on input falcomitre's limits did not foresee, and a CI
// job is better failed than hung.
const defaultTimeout = 5 * time.Minute

// exitNow is os.Exit, replaced in tests.
var exitNow = os.Exit

func registerTimeoutFlag(root *cobra.Command) {
	root.PersistentFlags().Duration("timeout", defaultTimeout, "stop with exit 2 when the run takes longer than this; 0 for no limit")
}

// watchdog starts the --timeout timer for cmd; stop it when the run ends.
// Work in progress is not interruptible, so the timer ends the process.
func watchdog(cmd *cobra.Command, stderr io.Writer) (stop func()) {
	d, _ := cmd.Flags().GetDuration("timeout")
	if d <= 0 {
		return func() {}
	}
	t := time.AfterFunc(d, func() {
		fmt.Fprintf(stderr, "falcomitre: the run took longer than %s (--timeout); stopped\n", d)
		exitNow(exitInput)
	})
	return func() { t.Stop() }
}
