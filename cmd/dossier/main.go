// Command dossier builds a briefing dossier: a static website in which every
// statement links to the source line that supports it.
//
// Usage:
//
//	dossier build [-root DIR] [-out DIR]   verify, render and publish the site to public/
//	dossier check [-root DIR] [-coverage]  verify only; list every problem as file:line: message
//	dossier serve [-root DIR] [-addr A]    build, serve public/ on 127.0.0.1, rebuild and reload on change
//	dossier ingest [flags] FILE...         add documents to seeds/ and record them in sources.yaml
//	dossier draft [-root DIR] [-source S]  write draft pages for what the newest sources bring
//	dossier new [-theme] DIR               start a new dossier in DIR, which builds as it is
//	dossier version                        print the program's version
//
// The project root (default: the current directory) holds seeds/ and
// content/; templates/ and static/ there override the theme's files. build
// and check exit 1 when any page breaks a rule; build then leaves the
// previous public/ untouched. A command given a flag it does not know exits 2.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/dossier-project/dossier/internal/diag"
	"github.com/dossier-project/dossier/internal/text"
	"github.com/dossier-project/dossier/internal/version"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	var ue usageError
	switch {
	case err == nil:
	case errors.As(err, &ue):
		os.Exit(2)
	case errors.Is(err, errReported):
		os.Exit(1)
	default:
		fmt.Fprintln(os.Stderr, "dossier:", err)
		os.Exit(1)
	}
}

// errReported means the problems were already printed; main only sets the exit code.
var errReported = errors.New("problems reported")

// usageError is a command line the flag package refused; it has printed why.
type usageError struct{ error }

const usage = `dossier builds a briefing dossier from seeds/ and content/ into public/.

Usage:
  dossier build [flags]   verify, render and publish the site to public/
  dossier check [flags]   verify only; print every problem as file:line: message
  dossier serve [flags]   build, serve public/ on 127.0.0.1, rebuild and reload on change
  dossier ingest FILE...  add documents to seeds/ under the next free numbers
  dossier draft [flags]   write draft pages for the inbox of the newest sources
  dossier new DIR         start a new dossier in DIR, ready to build
  dossier version         print the program's version

Run 'dossier COMMAND -h' for a command's flags.
`

// run is the whole program; main only wires it to the process.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return usageError{errors.New("no command given")}
	}
	switch args[0] {
	case "build":
		return cmdBuild(ctx, args[1:], stdout, stderr)
	case "check":
		return cmdCheck(ctx, args[1:], stdout, stderr)
	case "serve":
		return cmdServe(ctx, args[1:], stdout, stderr)
	case "ingest":
		return cmdIngest(args[1:], stdout, stderr)
	case "draft":
		return cmdDraft(ctx, args[1:], stdout, stderr)
	case "new":
		return cmdNew(args[1:], stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "dossier", version.String())
		return nil
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprintf(stderr, "dossier: unknown command %q\n\n%s", args[0], usage)
	return usageError{fmt.Errorf("unknown command %q", args[0])}
}

// newFlags makes a command's flag set; parse handles -h and bad flags.
func newFlags(name, help string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), help)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args and reports whether the command should go on. It
// stops after -h, which prints the usage to stdout and succeeds, and after a
// bad flag, which the flag package has reported once and which becomes a
// usageError (exit status 2).
func parse(fs *flag.FlagSet, args []string, stdout io.Writer) (bool, error) {
	stderr := fs.Output()
	var said bytes.Buffer // what the flag package prints: the error and the usage
	fs.SetOutput(&said)
	err := fs.Parse(args)
	fs.SetOutput(stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(stdout)
		fs.Usage()
		fs.SetOutput(stderr)
		return false, nil
	case err != nil:
		stderr.Write(said.Bytes())
		return false, usageError{err}
	}
	return true, nil
}

func printProblems(w io.Writer, ps diag.List) {
	for _, p := range ps {
		fmt.Fprintln(w, p)
	}
}

// tally writes "2 errors, 1 warning".
func tally(ps diag.List) string {
	n := ps.Errors()
	return text.Count(n, "error") + ", " + text.Count(len(ps)-n, "warning")
}
