package main

import "github.com/spf13/cobra"

func newAttackListCmd() *cobra.Command {
	return &cobra.Command{Use: "list", Short: "not yet", Hidden: true}
}
