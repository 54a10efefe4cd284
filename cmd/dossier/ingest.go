package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dossier-project/dossier/internal/date"
	"github.com/dossier-project/dossier/internal/diag"
	"github.com/dossier-project/dossier/internal/source"
)

const ingestUsage = `Usage: dossier ingest [-root DIR] [-published YYYY-MM-DD] [-title T] [-publisher P] [-url U] FILE...

Copies each FILE into seeds/ as NNN_<first 16 hex digits of its sha256>.txt
under the next free number, converted to UTF-8 with LF line endings, and
records it in seeds/sources.yaml with today's date as its ingest date. The
metadata flags describe the file's articles (-title only when it holds one).
A file already in seeds/ (same text), an empty or a binary file is refused,
and then nothing at all is changed. Run 'dossier build' afterwards.
`

// ingested is one document on its way into seeds/.
type ingested struct {
	from string // the path given
	data []byte // normalised
	seed *source.Seed
}

func cmdIngest(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	root := fs.String("root", ".", "project root holding seeds/")
	published := fs.String("published", "", "publication date of the articles: YYYY-MM-DD, YYYY-MM or YYYY")
	title := fs.String("title", "", "the article's title (a file holding one article)")
	publisher := fs.String("publisher", "", "the publisher, e.g. Al Jazeera")
	url := fs.String("url", "", "the article's address")
	on := fs.String("ingested", "", "ingest date to record (default today)")
	fs.Usage = func() {
		fmt.Fprint(stderr, ingestUsage)
		fs.PrintDefaults()
	}
	// Flags may come before or after the files.
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
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
		return errors.New("ingest: no files given")
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

	corpus, problems := source.Load(os.DirFS(*root))
	if problems.Errors() > 0 {
		printProblems(stderr, problems)
		return fmt.Errorf("ingest: the seeds have errors; fix them first (nothing was ingested)")
	}
	docs, refusals := prepare(corpus, files, meta)
	for _, r := range refusals {
		fmt.Fprintln(stderr, r)
	}
	if len(refusals) > 0 {
		fmt.Fprintf(stderr, "ingest: %s refused; nothing was ingested\n", count(len(refusals), "file"))
		return errReported
	}
	if err := write(*root, docs, day, meta != (source.Article{})); err != nil {
		return fmt.Errorf("ingest: %v (nothing was ingested)", err)
	}
	for _, d := range docs {
		fmt.Fprintf(stdout, "ingested %s as %s: %d lines, %s\n", d.from, filepath.Join(source.Dir, d.seed.File), len(d.seed.Lines), describeArticles(d.seed))
	}
	fmt.Fprintln(stdout, "run 'dossier build' to publish them; the inbox lists what they bring, 'dossier draft' drafts pages for it")
	return nil
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
	return count(len(s.Articles), "article") + ": " + strings.Join(ts, ", ")
}

// prepare reads, normalises and checks every file and gives each the next
// free number; it reports every file it refuses.
func prepare(corpus *source.Corpus, files []string, meta source.Article) ([]ingested, []diag.Problem) {
	have := map[string]string{} // hash of normalised text → where it is
	for _, s := range corpus.Seeds {
		var b bytes.Buffer
		for _, l := range s.Lines {
			b.WriteString(l.Text + "\n")
		}
		if n, err := source.Normalize(b.Bytes()); err == nil {
			have[source.Hash(n)] = s.Path()
		}
	}
	var docs []ingested
	var refused []diag.Problem
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			refused = append(refused, diag.Errorf(f, 0, "cannot read: %v", err))
			continue
		}
		data, err := source.Normalize(raw)
		if err != nil {
			refused = append(refused, diag.Errorf(f, 0, "not ingested: %v", err))
			continue
		}
		h := source.Hash(data)
		if where, ok := have[h]; ok {
			refused = append(refused, diag.Errorf(f, 0, "not ingested: the same text is already %s", where))
			continue
		}
		id, err := corpus.NextID(len(docs))
		if err != nil {
			refused = append(refused, diag.Errorf(f, 0, "not ingested: %v", err))
			continue
		}
		name := source.SeedName(id, data)
		s, ps := source.Parse(id, name, data)
		// A seed with a bad line still parses (so a build can report every
		// problem at once), but ingest takes only clean text.
		if s == nil || ps.Errors() > 0 {
			for _, p := range ps {
				p.File = f // the problem is in the file given, at the same line
				refused = append(refused, p)
			}
			continue
		}
		if err := describe(s, meta); err != nil {
			refused = append(refused, diag.Errorf(f, 0, "not ingested: %v", err))
			continue
		}
		have[h] = f
		docs = append(docs, ingested{from: f, data: data, seed: s})
	}
	return docs, refused
}

// describe applies the metadata flags to the detected articles.
func describe(s *source.Seed, meta source.Article) error {
	if meta.Title != "" && len(s.Articles) > 1 {
		return fmt.Errorf("it holds %d articles, so -title cannot name it; ingest without -title and edit seeds/%s afterwards", len(s.Articles), source.MetaFile)
	}
	for i := range s.Articles {
		a := &s.Articles[i]
		if meta.Title != "" {
			a.Title = meta.Title
		}
		if meta.Publisher != "" {
			a.Publisher = meta.Publisher
		}
		if meta.URL != "" {
			a.URL = meta.URL
		}
		if !meta.Published.IsZero() && (a.Published.IsZero() || len(s.Articles) == 1) {
			a.Published = meta.Published
		}
		a.Note = "Recorded by dossier ingest; line ranges detected, metadata from its flags and the text. Not yet reviewed."
	}
	return nil
}

// write adds the seeds and their sources.yaml entries, then reads the seeds
// back; on any failure it removes what it wrote and restores sources.yaml.
func write(root string, docs []ingested, day date.Date, curated bool) (err error) {
	dir := filepath.Join(root, source.Dir)
	metaPath := filepath.Join(dir, source.MetaFile)
	old, rerr := os.ReadFile(metaPath)
	if rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
		return rerr
	}
	var written []string
	defer func() {
		if err == nil {
			return
		}
		for _, p := range written {
			os.Remove(p)
		}
		if old != nil {
			_ = writeAtomic(metaPath, old)
		} else {
			os.Remove(metaPath)
		}
	}()

	meta := append([]byte{}, old...)
	if len(meta) == 0 {
		meta = []byte("# Curated metadata for the seeds. Curated values win over what the pipeline detects.\n")
	}
	for _, d := range docs {
		block, err := source.MetaBlock(d.seed, day, curated)
		if err != nil {
			return err
		}
		if !bytes.HasSuffix(meta, []byte("\n")) {
			meta = append(meta, '\n')
		}
		meta = append(append(meta, "\n# Added by dossier ingest\n"...), block...)

		p := filepath.Join(dir, d.seed.File)
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		written = append(written, p)
		if _, err := f.Write(d.data); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	if err := writeAtomic(metaPath, meta); err != nil {
		return err
	}
	// Read everything back: the new entries must load like curated ones.
	_, problems := source.Load(os.DirFS(root))
	if n := problems.Errors(); n > 0 {
		var msgs []string
		for _, p := range problems {
			msgs = append(msgs, p.String())
		}
		return fmt.Errorf("the seeds do not read back cleanly: %s", strings.Join(msgs, "; "))
	}
	return nil
}

// writeAtomic replaces a file by writing beside it and renaming.
func writeAtomic(p string, data []byte) error {
	tmp := filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".tmp") // hidden: never read as a seed
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, p)
}
