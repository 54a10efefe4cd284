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
//
// The project root (default: the current directory) holds seeds/, content/,
// templates/ and static/. build and check exit 1 when any page breaks a rule;
// build then leaves the previous public/ untouched.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, errReported) {
			fmt.Fprintln(os.Stderr, "dossier:", err)
		}
		os.Exit(1)
	}
}

// errReported means the problems were already printed; main only sets the exit code.
var errReported = errors.New("problems reported")

const usage = `dossier builds a briefing dossier from seeds/ and content/ into public/.

Usage:
  dossier build [flags]   verify, render and publish the site to public/
  dossier check [flags]   verify only; print every problem as file:line: message
  dossier serve [flags]   build, serve public/ on 127.0.0.1, rebuild and reload on change
  dossier ingest FILE...  add documents to seeds/ under the next free numbers
  dossier draft [flags]   write draft pages for the inbox of the newest sources

Run 'dossier COMMAND -h' for a command's flags.
`

// run is the whole program; main only wires it to the process.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command given")
	}
	switch args[0] {
	case "build":
		return cmdBuild(ctx, args[1:], stdout, stderr)
	case "check":
		return cmdCheck(args[1:], stdout, stderr)
	case "serve":
		return cmdServe(ctx, args[1:], stdout, stderr)
	case "ingest":
		return cmdIngest(args[1:], stdout, stderr)
	case "draft":
		return cmdDraft(args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}
