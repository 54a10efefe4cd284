package main

import (
	"context"
	"fmt"
	"io"

	"github.com/dossier-project/dossier/internal/build"
	"github.com/dossier-project/dossier/internal/dirfs"
	"github.com/dossier-project/dossier/internal/text"
	"github.com/dossier-project/dossier/internal/verify"
)

const checkHelp = `Usage: dossier check [-root DIR] [-coverage]

Verifies content against the seeds and prints every problem as file:line: message.
Exits 1 when any problem is an error.`

func cmdCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", checkHelp, stderr)
	root := fs.String("root", ".", "project root holding seeds/ and content/")
	coverage := fs.Bool("coverage", false, "list every content line of the seeds that no page cites")
	if ok, err := parse(fs, args, stdout); !ok {
		return err
	}
	d, problems := build.Load(ctx, dirfs.New(*root), 0)
	printProblems(stderr, problems)
	cov := verify.Measure(d.Corpus, d.Site)
	fmt.Fprintf(stdout, "coverage: %d of %d content lines cited (%.0f%%); %d uncited\n",
		cov.Cited, cov.Content, cov.Percent(), len(cov.Uncited))
	if *coverage {
		for _, r := range cov.Uncited {
			l, _ := d.Corpus.Seed(r.Seed).Line(r.First)
			fmt.Fprintf(stdout, "  uncited %s: %s\n", r, text.Shorten(l.Text, 100))
		}
	}
	if problems.Errors() > 0 {
		fmt.Fprintln(stderr, tally(problems))
		return errReported
	}
	fmt.Fprintf(stdout, "check: no errors, %s\n", text.Count(len(problems), "warning"))
	return nil
}
