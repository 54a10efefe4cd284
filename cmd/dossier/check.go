package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/dossier-project/dossier/internal/diag"
	"github.com/dossier-project/dossier/internal/verify"
)

func cmdCheck(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	root := fs.String("root", ".", "project root holding seeds/ and content/")
	coverage := fs.Bool("coverage", false, "list every content line of the seeds that no page cites")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: dossier check [-root DIR] [-coverage]\n\nVerifies content against the seeds and prints every problem as file:line: message.\nExits 1 when any problem is an error.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	d, problems := load(os.DirFS(*root))
	printProblems(stderr, problems)
	cov := verify.Measure(d.corpus, d.site)
	fmt.Fprintf(stdout, "coverage: %d of %d content lines cited (%.0f%%); %d uncited\n",
		cov.Cited, cov.Content, percent(cov.Cited, cov.Content), len(cov.Uncited))
	if *coverage {
		for _, r := range cov.Uncited {
			l, _ := d.corpus.Seed(r.Seed).Line(r.First)
			fmt.Fprintf(stdout, "  uncited %s: %s\n", r, shorten(l.Text, 100))
		}
	}
	if n := problems.Errors(); n > 0 {
		fmt.Fprintf(stderr, "%s, %s\n", count(n, "error"), count(len(problems)-n, "warning"))
		return errReported
	}
	fmt.Fprintf(stdout, "check: no errors, %s\n", count(len(problems), "warning"))
	return nil
}

func printProblems(w io.Writer, ps diag.List) {
	for _, p := range ps {
		fmt.Fprintln(w, p)
	}
}

// count writes "1 error", "2 errors".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func percent(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

func shorten(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
