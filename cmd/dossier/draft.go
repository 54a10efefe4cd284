package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dossier-project/dossier/internal/inbox"
)

const draftUsage = `Usage: dossier draft [-root DIR] [-source IDS]

Writes draft pages into content/ for the inbox items of the newest ingest
batch (or of the sources given): an actor for each new name, a timeline
entry for each resolved date, a figure for each number a known actor
claims. Each says draft: true, cites its source line and passes
'dossier check'; drafts are checked but not published until a curator
finishes them and removes draft: true. Existing files are never changed.
`

func cmdDraft(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("draft", flag.ContinueOnError)
	fs.SetOutput(stderr)
	root := fs.String("root", ".", "project root holding seeds/ and content/")
	sources := fs.String("source", "", "comma-separated seed IDs, or 'all' (default: the newest ingest batch, or all seeds when none was ingested)")
	fs.Usage = func() {
		fmt.Fprint(stderr, draftUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	d, problems := load(os.DirFS(*root))
	if n := problems.Errors(); n > 0 {
		printProblems(stderr, problems)
		return fmt.Errorf("draft: the dossier has %s; fix them first (nothing was written)", count(n, "error"))
	}
	var seeds []string
	switch {
	case *sources == "all":
		for _, s := range d.corpus.Seeds {
			seeds = append(seeds, s.ID)
		}
	case *sources != "":
		for _, id := range strings.Split(*sources, ",") {
			id = strings.TrimSpace(id)
			if d.corpus.Seed(id) == nil {
				return fmt.Errorf("draft: there is no seed %s", id)
			}
			seeds = append(seeds, id)
		}
	default:
		_, batch := d.corpus.LatestBatch()
		for _, s := range batch {
			seeds = append(seeds, s.ID)
		}
		if len(seeds) == 0 {
			for _, s := range d.corpus.Seeds {
				seeds = append(seeds, s.ID)
			}
		}
	}
	ib := inbox.Build(d.corpus, d.site)
	drafts, skipped := inbox.Drafts(ib, d.corpus, d.site, seeds)

	var written []string
	for _, dr := range drafts {
		p := filepath.Join(*root, filepath.FromSlash(dr.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, os.ErrExist) {
			fmt.Fprintf(stderr, "%s: exists; not changed\n", dr.Path)
			continue
		}
		if err != nil {
			return err
		}
		_, werr := f.Write(dr.Data)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return werr
		}
		written = append(written, p)
		fmt.Fprintf(stdout, "drafted %s (%s, source %s line %d)\n", dr.Path, dr.Item.Kind, dr.Item.Source, dr.Item.Line)
	}
	// The drafts must pass check like every page; if not, take them back.
	if _, problems := load(os.DirFS(*root)); problems.Errors() > 0 {
		printProblems(stderr, problems)
		for _, p := range written {
			os.Remove(p)
		}
		return fmt.Errorf("draft: the drafts did not pass check and were removed")
	}
	fmt.Fprintf(stdout, "draft: wrote %s for sources %s", count(len(written), "draft"), strings.Join(seeds, ", "))
	if len(skipped) > 0 {
		fmt.Fprintf(stdout, "; %d inbox items left for hand curation", len(skipped))
	}
	fmt.Fprintln(stdout)
	for _, s := range skipped {
		fmt.Fprintf(stdout, "  not drafted: source %s line %d, %s %q: %s\n", s.Item.Source, s.Item.Line, s.Item.Kind, s.Item.Value, s.Reason)
	}
	return nil
}
