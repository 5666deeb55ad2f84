// Command falcomitre checks the MITRE ATT&CK tags of Falco rules.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
