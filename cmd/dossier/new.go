package main

import (
	"fmt"
	"io"

	"github.com/dossier-project/dossier/internal/scaffold"
	"github.com/dossier-project/dossier/internal/version"
)

const newHelp = `Usage: dossier new [-theme] DIR

Writes a dossier that builds as it is into DIR, which must be missing or
empty: settings with two example sides, a briefing, a method page, an example
source cited by an actor and an event, a .gitignore and a GitHub Pages workflow.`

func cmdNew(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("new", newHelp, stderr)
	withTheme := fs.Bool("theme", false, "also copy the theme's templates/ and static/ into the project, to restyle it")
	if ok, err := parse(fs, args, stdout); !ok {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return usageError{fmt.Errorf("new: name one folder")}
	}
	// The project's workflow runs the release that wrote it.
	written, err := scaffold.Write(fs.Arg(0), scaffold.Options{Theme: *withTheme, Version: version.Module()})
	if err != nil {
		fmt.Fprintf(stderr, "dossier new: %v\n", err)
		return errReported
	}
	fmt.Fprintf(stdout, "wrote a new dossier in %s:\n", fs.Arg(0))
	for _, f := range written {
		fmt.Fprintf(stdout, "  %s\n", f)
	}
	fmt.Fprintf(stdout, "next:\n  cd %s\n  dossier build    # verify, then write the site to public/\n  dossier serve    # preview it on http://127.0.0.1:8080/, rebuilt as you edit\n", fs.Arg(0))
	return nil
}
