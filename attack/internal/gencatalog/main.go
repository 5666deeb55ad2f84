// Command gencatalog turns an ATT&CK STIX bundle into the compact catalog
// that package attack embeds:
//
//	go run ./internal/gencatalog -o data/enterprise-attack-18.1.json enterprise-attack-18.1.stix20.json.gz
//
// The bundle's domain and version come from its x-mitre-collection object
// or its file name; -domain and -version supply them otherwise.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/falcomitre/falcomitre/attack"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "gencatalog:", err)
		os.Exit(1)
	}
}

// run is main without the exit, so every error takes one path.
func run(args []string) error {
	fs := flag.NewFlagSet("gencatalog", flag.ContinueOnError)
	out := fs.String("o", "", "output file (default: standard output)")
	var opt attack.Options
	fs.StringVar(&opt.Domain, "domain", "", "ATT&CK domain when the bundle does not say: enterprise, mobile or ics")
	fs.StringVar(&opt.Version, "version", "", "ATT&CK version when the bundle does not say, such as 18.1")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: gencatalog [-o file] [-domain d] [-version v] bundle.json[.gz]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("want one bundle, got %d arguments", fs.NArg())
	}
	c, err := attack.LoadFile(fs.Arg(0), opt)
	if err != nil {
		return err
	}
	b, err := c.MarshalCompact()
	if err != nil {
		return err
	}
	if *out == "" {
		_, err = os.Stdout.Write(b)
		return err
	}
	// The embedded catalogs are listed by file name, so a name in data/
	// that disagrees with the content would mislabel a release.
	want := attack.EmbeddedFileName(c.Domain, c.Version)
	if filepath.Base(filepath.Dir(*out)) == "data" && filepath.Base(*out) != want {
		return fmt.Errorf("%s holds %s %s; name it %s", *out, c.Domain, c.Version, filepath.Join(filepath.Dir(*out), want))
	}
	return os.WriteFile(*out, b, 0o644)
}
