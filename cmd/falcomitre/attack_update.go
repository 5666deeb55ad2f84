package main

import "github.com/spf13/cobra"

func newAttackUpdateCmd() *cobra.Command {
	return &cobra.Command{Use: "update", Short: "not yet", Hidden: true}
}
