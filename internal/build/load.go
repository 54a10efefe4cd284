package build

import (
	"context"
	"io/fs"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/diag"
	"github.com/dossier-project/dossier/internal/markdown"
	"github.com/dossier-project/dossier/internal/source"
	"github.com/dossier-project/dossier/internal/verify"
)

// Dossier is a project loaded and verified: its sources, its curated pages
// and the markdown setup they were parsed with.
type Dossier struct {
	Corpus   *source.Corpus
	Site     *content.Site
	Markdown *markdown.Markdown
}

// Load reads and verifies the project in fsys, the seeds parsed on
// workers goroutines (0 means GOMAXPROCS). The problems are sorted; the
// dossier is returned even when they include errors, as far as it loaded.
func Load(ctx context.Context, fsys fs.FS, workers int) (*Dossier, diag.List) {
	d, problems := newBuilder(Options{Project: fsys, Workers: workers}).load(ctx)
	problems.Add(verify.Check(d.Corpus, d.Site)...)
	problems.Sort()
	return d, problems
}

// load reads the project: the seeds on the worker pool, the curated pages
// meanwhile on a goroutine of their own. It does not verify them.
func (b *builder) load(ctx context.Context) (*Dossier, diag.List) {
	fsys := b.o.Project
	var problems diag.List
	md := markdown.New()
	var site *content.Site
	var siteProblems diag.List
	loaded := make(chan struct{})
	go func() {
		defer close(loaded)
		site, siteProblems = content.LoadReusing(fsys, md, b.parsed)
	}()
	// sources.yaml is decoded while the seeds are parsed.
	meta := make(chan source.Meta, 1)
	go func() { meta <- source.ReadMeta(fsys) }()
	folder := source.ReadFolder(fsys)
	raiseGCFloor(len(folder.Files))
	b.stage("parsing", len(folder.Files))
	parsed := make([]source.Parsed, len(folder.Files))
	entries := make([]*seedEntry, len(folder.Files))
	// Parsing a seed is independent of the others; an error here can only
	// be a cancelled context, which the caller sees itself. The seed store
	// holds the marks of every seed an earlier build parsed.
	_ = b.each(ctx, len(folder.Files), func(i int) error {
		f := folder.Files[i]
		if f.Err != nil {
			return nil
		}
		s, ps := source.ReadFile(f)
		if s != nil {
			entries[i] = b.store.restore(s)
		}
		parsed[i] = source.Parsed{Seed: s, Problems: ps}
		return nil
	})
	b.entries = map[*source.Seed]*seedEntry{}
	for i, p := range parsed {
		if p.Seed != nil {
			b.entries[p.Seed] = entries[i]
		}
	}
	corpus, ps := source.AssembleMeta(folder, parsed, <-meta)
	problems.Add(ps...)
	<-loaded
	problems.Add(siteProblems...)
	problems.Sort()
	return &Dossier{Corpus: corpus, Site: site, Markdown: md}, problems
}
