package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/dossier-project/dossier/internal/date"
	"github.com/dossier-project/dossier/internal/project"
	"github.com/dossier-project/dossier/internal/source"
	"github.com/dossier-project/dossier/internal/text"
)

const ingestHelp = `Usage: dossier ingest [-root DIR] [-encoding NAME] [-published YYYY-MM-DD] [-title T] [-publisher P] [-url U] FILE...

Copies each FILE into seeds/ as NNN_<first 16 hex digits of its sha256>.txt
under the next free number, converted to UTF-8 with LF line endings, and
records it in seeds/sources.yaml with today's date as its ingest date. The
metadata flags describe the file's articles (-title only when it holds one).
A file in another encoding than UTF-8 or UTF-16 with a byte-order mark needs
-encoding, which is never guessed: without it the file is refused, naming its
first byte that is not UTF-8. A file already in seeds/ (same text), an empty
or a binary file is refused too, and then nothing at all is changed. Run
'dossier build' afterwards.`

func cmdIngest(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("ingest", ingestHelp, stderr)
	root := fs.String("root", ".", "project root holding seeds/")
	published := fs.String("published", "", "publication date of the articles: YYYY-MM-DD, YYYY-MM or YYYY")
	title := fs.String("title", "", "the article's title (a file holding one article)")
	publisher := fs.String("publisher", "", "the publisher, e.g. Al Jazeera")
	url := fs.String("url", "", "the article's address")
	on := fs.String("ingested", "", "ingest date to record (default today)")
	encoding := fs.String("encoding", "", "the files' encoding when not UTF-8 or UTF-16 with a byte-order mark: a WHATWG label such as windows-1256, iso-8859-6, windows-1252")
	// Flags may come before or after the files.
	var files []string
	for {
		if ok, err := parse(fs, args, stdout); !ok {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(files) == 0 {
		fs.Usage()
		return usageError{fmt.Errorf("ingest: no files given")}
	}
	meta := source.Article{Title: strings.TrimSpace(*title), Publisher: strings.TrimSpace(*publisher), URL: strings.TrimSpace(*url)}
	var err error
	if *published != "" {
		if meta.Published, err = date.Parse(*published); err != nil {
			return fmt.Errorf("ingest: -published: %v", err)
		}
	}
	day := date.Of(time.Now())
	if *on != "" {
		if day, err = date.Parse(*on); err != nil || day.Precision() != "day" {
			return fmt.Errorf("ingest: -ingested %q is not a date YYYY-MM-DD", *on)
		}
	}
	docs, refused, err := project.Ingest(*root, files, *encoding, meta, day)
	printProblems(stderr, refused)
	switch {
	case err != nil:
		return fmt.Errorf("ingest: %v", err)
	case len(refused) > 0:
		fmt.Fprintf(stderr, "ingest: %s refused; nothing was ingested\n", text.Count(len(refused), "file"))
		return errReported
	}
	for _, d := range docs {
		fmt.Fprintf(stdout, "ingested %s as %s: %d lines, %s\n", d.From, filepath.Join(source.Dir, d.Seed.File), len(d.Seed.Lines), describeArticles(d.Seed))
		if lines := undated(d.Seed); lines != "" {
			fmt.Fprintf(stdout, "  no publication date for %s: weekdays and \"last week\" there stay unresolved; record the date as published: for those lines in entry %q of %s\n",
				lines, d.Seed.ID, filepath.Join(source.Dir, source.MetaFile))
		}
	}
	fmt.Fprintln(stdout, "run 'dossier build' to publish them; the inbox lists what they bring, 'dossier draft' drafts pages for it")
	return nil
}

// undated names the line ranges of the seed's articles that have no
// publication date ("lines 1–7", "lines 1–7 and 8–20"), or is "" when
// every article has one. Nothing is guessed: a date written in the text is
// only a date the inbox lists.
func undated(s *source.Seed) string {
	var ranges []string
	for _, a := range s.Articles {
		if a.Published.IsZero() {
			ranges = append(ranges, fmt.Sprintf("%d–%d", a.First, a.Last))
		}
	}
	switch len(ranges) {
	case 0:
		return ""
	case 1:
		return "lines " + ranges[0]
	}
	return "lines " + strings.Join(ranges[:len(ranges)-1], ", ") + " and " + ranges[len(ranges)-1]
}

func describeArticles(s *source.Seed) string {
	var ts []string
	for _, a := range s.Articles {
		t := fmt.Sprintf("%q", a.Title)
		if !a.Published.IsZero() {
			t += " (" + a.Published.String() + ")"
		}
		ts = append(ts, t)
	}
	return text.Count(len(s.Articles), "article") + ": " + strings.Join(ts, ", ")
}
