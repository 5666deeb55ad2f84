package main

import "github.com/spf13/cobra"

func newAttackShowCmd() *cobra.Command {
	return &cobra.Command{Use: "show", Short: "not yet", Hidden: true}
}
