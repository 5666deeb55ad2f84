package main

import "github.com/spf13/cobra"

func newAttackDiffCmd() *cobra.Command {
	return &cobra.Command{Use: "diff", Short: "not yet", Hidden: true}
}
