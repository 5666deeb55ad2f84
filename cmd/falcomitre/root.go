package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/spf13/cobra"
)

// Exit codes: the same whatever the output format.
const (
	exitOK       = 0 // nothing at or above --fail-on
	exitFindings = 1 // findings at or above --fail-on
	exitInput    = 2 // input that could not be checked, or bad usage
	exitInternal = 3 // a bug in falcomitre
)

// exitError carries an exit code up to main through cobra.
type exitError struct {
	code int
	err  error // already printed when nil
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:           "falcomitre",
		Short:         "Check the MITRE ATT&CK tags of Falco rules",
		Long:          "falcomitre checks the MITRE ATT&CK tags of Falco rules against ATT&CK's own data, offline.",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	registerConfigFlags(root)
	registerTimeoutFlag(root)
	registerProfileFlags(root)
	root.AddCommand(newCheckCmd(), newFixCmd(), newExplainCmd(), newAttackCmd(), newInitCmd(), newVersionCmd())
	root.AddCommand(newOverviewCmd(), newMatrixCmd(), newLayerCmd(), newCoverageCmd(), newSuggestCmd())
	return root
}

// run executes the command line and maps its outcome to an exit code.
func run(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "falcomitre: internal error: %v\nplease report it with the input that caused it\n", r)
			code = exitInternal
		}
	}()
	// Ctrl-C cancels a download instead of leaving it to its timeout.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	root := newRoot()
	stopWatchdog, stopProfiles := func() {}, func() {}
	defer func() { stopWatchdog(); stopProfiles() }()
	root.PersistentPreRun = func(cmd *cobra.Command, _ []string) {
		stopWatchdog = watchdog(cmd, stderr)
		stopProfiles = startProfiles(cmd, stderr)
	}
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(stderr, "falcomitre:", ee.err)
		}
		return ee.code
	}
	// cobra's own errors: unknown flags, commands and arguments.
	fmt.Fprintln(stderr, "falcomitre:", err)
	return exitInput
}
