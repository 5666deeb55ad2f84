package main

import "github.com/spf13/cobra"

// newAttackCmd groups the commands about ATT&CK data itself.
func newAttackCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "attack",
		Short: "List, show, update and compare ATT&CK datasets",
	}
	cmd.AddCommand(newAttackListCmd(), newAttackShowCmd(), newAttackUpdateCmd(), newAttackDiffCmd())
	return cmd
}
