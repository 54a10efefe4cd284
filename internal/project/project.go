// Package project changes a dossier project on disk: it adds documents to
// seeds/ (Ingest) and writes draft pages into content/ (WriteDrafts). Every
// change is all or nothing: when any part fails, what was written is taken
// back and the project is left as it was.
package project

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/dossier-project/dossier/internal/date"
	"github.com/dossier-project/dossier/internal/diag"
	"github.com/dossier-project/dossier/internal/dirfs"
	"github.com/dossier-project/dossier/internal/renameio"
	"github.com/dossier-project/dossier/internal/source"
)

// Ingested is one document added to seeds/.
type Ingested struct {
	From string // the path given
	Seed *source.Seed
	data []byte // normalised
}

// Ingest adds the files to the seeds of the project at root, under the next
// free numbers, converted to seed form, and records each in sources.yaml
// with the ingest date day; meta describes their articles (any field may be
// empty). Files it cannot take are refused, each with a problem naming it;
// then nothing at all is changed. The error is for a project that cannot be
// read or written.
// encoding names the files' encoding when they are neither UTF-8 nor UTF-16
// with a byte-order mark (see source.Normalize); "" means they are.
func Ingest(root string, files []string, encoding string, meta source.Article, day date.Date) ([]Ingested, diag.List, error) {
	if err := source.CheckEncoding(encoding); err != nil {
		return nil, nil, err
	}
	corpus, problems := source.Load(dirfs.New(root))
	if problems.Errors() > 0 {
		return nil, problems, errors.New("the seeds have errors; fix them first (nothing was ingested)")
	}
	docs, refused := prepare(corpus, files, encoding, meta)
	if len(refused) > 0 {
		return nil, refused, nil
	}
	if err := write(root, docs, day, meta != (source.Article{})); err != nil {
		return nil, nil, fmt.Errorf("%v (nothing was ingested)", err)
	}
	return docs, nil, nil
}

// prepare reads, normalises and checks every file and gives each the next
// free number; it reports every file it refuses.
func prepare(corpus *source.Corpus, files []string, encoding string, meta source.Article) ([]Ingested, diag.List) {
	have := map[string]string{} // hash of normalised text → where it is
	for _, s := range corpus.Seeds {
		var b bytes.Buffer
		for _, l := range s.Lines {
			b.WriteString(l.Text + "\n")
		}
		if n, err := source.Normalize(b.Bytes(), ""); err == nil {
			have[source.Hash(n)] = s.Path()
		}
	}
	var docs []Ingested
	var refused diag.List
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			refused.Add(diag.Errorf(f, 0, "cannot read: %v", err))
			continue
		}
		data, err := source.Normalize(raw, encoding)
		var ee *source.EncodingError
		switch {
		case errors.As(err, &ee):
			refused.Add(diag.Errorf(f, ee.Line, "not ingested: %v", err))
			continue
		case err != nil:
			refused.Add(diag.Errorf(f, 0, "not ingested: %v", err))
			continue
		}
		h := source.Hash(data)
		if where, ok := have[h]; ok {
			refused.Add(diag.Errorf(f, 0, "not ingested: the same text is already %s", where))
			continue
		}
		id := corpus.NextID(len(docs))
		s, ps := source.Parse(id, source.SeedName(id, data), data)
		// A seed with a bad line still parses (so a build can report every
		// problem at once), but ingest takes only clean text.
		if s == nil || ps.Errors() > 0 {
			for _, p := range ps {
				p.File = f // the problem is in the file given, at the same line
				refused.Add(p)
			}
			continue
		}
		if err := describe(s, meta); err != nil {
			refused.Add(diag.Errorf(f, 0, "not ingested: %v", err))
			continue
		}
		have[h] = f
		docs = append(docs, Ingested{From: f, Seed: s, data: data})
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
func write(root string, docs []Ingested, day date.Date, curated bool) (err error) {
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
			_ = renameio.WriteFile(metaPath, old, 0o644)
		} else {
			os.Remove(metaPath)
		}
	}()

	meta := append([]byte{}, old...)
	if len(meta) == 0 {
		meta = []byte("# Curated metadata for the seeds. Curated values win over what the pipeline detects.\n")
	}
	for _, d := range docs {
		block, err := source.MetaBlock(d.Seed, day, curated)
		if err != nil {
			return err
		}
		if !bytes.HasSuffix(meta, []byte("\n")) {
			meta = append(meta, '\n')
		}
		meta = append(append(meta, "\n# Added by dossier ingest\n"...), block...)
		p := filepath.Join(dir, d.Seed.File)
		if err := renameio.CreateNew(p, d.data); err != nil {
			return err
		}
		written = append(written, p)
	}
	if err := renameio.WriteFile(metaPath, meta, 0o644); err != nil {
		return err
	}
	// Read everything back: the new entries must load like curated ones.
	_, problems := source.Load(dirfs.New(root))
	if n := problems.Errors(); n > 0 {
		var msgs []string
		for _, p := range problems {
			msgs = append(msgs, p.String())
		}
		return fmt.Errorf("the seeds do not read back cleanly: %s", strings.Join(msgs, "; "))
	}
	return nil
}
