// Command gencorpus writes a synthetic dossier and its Hugo twin, for
// benchmarks and scale tests.
//
// Usage:
//
//	gencorpus [-n 1000] [-seed 1] [-project .] -out DIR
//
// It writes DIR/dossier (seeds, sources.yaml, content, and the project's
// templates and static files), which `dossier check -root DIR/dossier` accepts,
// and DIR/hugo, a minimal Hugo site with the same markdown pages and a page
// per seed. The same -n and -seed always give the same files. See package
// internal/corpusgen for what is generated.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/dossier-project/dossier/internal/corpusgen"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1000, "number of seeds")
	seed := fs.Uint64("seed", 1, "random seed; the same value gives the same corpus")
	out := fs.String("out", "", "output folder (required); DIR/dossier and DIR/hugo are written")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		fs.Usage()
		return errors.New("-out is required")
	}
	if entries, err := os.ReadDir(*out); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty; choose a new folder", *out)
	}
	c, err := corpusgen.Write(*out, corpusgen.Options{Seeds: *n, Random: *seed})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: %d seeds, %d actors, %d events, %d figures, %d topics; %d pages both generators write\n",
		*out, c.Seeds, c.Actors, c.Events, c.Figures, c.Topics, c.Pages())
	return nil
}
