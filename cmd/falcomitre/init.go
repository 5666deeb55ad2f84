package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/falcomitre/falcomitre/config"
)

func newInitCmd() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "init [--force]",
		Short: "Write a commented default " + config.FileName + " in the working directory",
		Long: `Init writes ` + config.FileName + ` in the working directory: every key set to its
default, each with a comment saying what it does. check, fix and the other
commands find it from this directory and every directory below it (up to a
repository root). It refuses to replace an existing file unless --force is
given.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			flag := os.O_WRONLY | os.O_CREATE | os.O_EXCL
			if force {
				flag = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
			}
			fh, err := os.OpenFile(config.FileName, flag, 0o644)
			if errors.Is(err, fs.ErrExist) {
				return &exitError{exitInput, fmt.Errorf("%s exists; --force replaces it", config.FileName)}
			}
			if err != nil {
				return &exitError{exitInput, err}
			}
			if _, err := fh.WriteString(config.Template); err != nil {
				fh.Close()
				return &exitError{exitInput, fmt.Errorf("%s: %w", config.FileName, err)}
			}
			if err := fh.Close(); err != nil {
				return &exitError{exitInput, fmt.Errorf("%s: %w", config.FileName, err)}
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s\n", config.FileName)
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "replace an existing "+config.FileName)
	return cmd
}
