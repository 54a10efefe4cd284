package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/dossier-project/dossier/internal/build"
	"github.com/dossier-project/dossier/internal/dirfs"
	"github.com/dossier-project/dossier/internal/inbox"
	"github.com/dossier-project/dossier/internal/project"
	"github.com/dossier-project/dossier/internal/text"
)

const draftHelp = `Usage: dossier draft [-root DIR] [-source IDS]

Writes draft pages into content/ for the inbox items of the newest ingest
batch (or of the sources given): an actor for each new name, a timeline
entry for each resolved date, a figure for each number a known actor
claims. Each says draft: true, cites its source line and passes
'dossier check'; drafts are checked but not published until a curator
finishes them and removes draft: true. Existing files are never changed.`

func cmdDraft(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("draft", draftHelp, stderr)
	root := fs.String("root", ".", "project root holding seeds/ and content/")
	sources := fs.String("source", "", "comma-separated seed IDs, or 'all' (default: the newest ingest batch, or all seeds when none was ingested)")
	if ok, err := parse(fs, args, stdout); !ok {
		return err
	}
	d, problems := build.Load(ctx, dirfs.New(*root), 0)
	if n := problems.Errors(); n > 0 {
		printProblems(stderr, problems)
		return fmt.Errorf("draft: the dossier has %s; fix them first (nothing was written)", text.Count(n, "error"))
	}
	var seeds []string
	switch {
	case *sources == "all":
	case *sources != "":
		for _, id := range strings.Split(*sources, ",") {
			id = strings.TrimSpace(id)
			if d.Corpus.Seed(id) == nil {
				return fmt.Errorf("draft: there is no seed %s", id)
			}
			seeds = append(seeds, id)
		}
	default:
		_, batch := d.Corpus.LatestBatch()
		for _, s := range batch {
			seeds = append(seeds, s.ID)
		}
	}
	if len(seeds) == 0 {
		for _, s := range d.Corpus.Seeds {
			seeds = append(seeds, s.ID)
		}
	}
	drafts, skipped := inbox.Drafts(inbox.Build(d.Corpus, d.Site), d.Corpus, d.Site, seeds)
	// The drafts must pass check like every page; if not, they are taken back.
	written, existing, err := project.WriteDrafts(*root, drafts, func() error {
		if _, problems := build.Load(ctx, dirfs.New(*root), 0); problems.Errors() > 0 {
			printProblems(stderr, problems)
			return errors.New("the drafts did not pass check and were removed")
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("draft: %v", err)
	}
	for _, p := range existing {
		fmt.Fprintf(stderr, "%s: exists; not changed\n", p)
	}
	for _, dr := range written {
		fmt.Fprintf(stdout, "drafted %s (%s, source %s line %d)\n", dr.Path, dr.Item.Kind, dr.Item.Source, dr.Item.Line)
	}
	fmt.Fprintf(stdout, "draft: wrote %s for sources %s", text.Count(len(written), "draft"), strings.Join(seeds, ", "))
	if len(skipped) > 0 {
		fmt.Fprintf(stdout, "; %d inbox items left for hand curation", len(skipped))
	}
	fmt.Fprintln(stdout)
	for _, s := range skipped {
		fmt.Fprintf(stdout, "  not drafted: source %s line %d, %s %q: %s\n", s.Item.Source, s.Item.Line, s.Item.Kind, s.Item.Value, s.Reason)
	}
	return nil
}
