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
	var kept []*keptSeed // for the session's next build
	if b.seeds != nil {
		kept = make([]*keptSeed, len(folder.Files))
	}
	// Parsing a seed is independent of the others; an error here can only
	// be a cancelled context, which the caller sees itself. The seed store
	// holds the marks of every seed an earlier build parsed; a session
	// keeps the seeds themselves.
	_ = b.each(ctx, len(folder.Files), func(i int) error {
		f := folder.Files[i]
		if f.Err != nil {
			return nil
		}
		if k := b.seeds[f.Name]; k.fits(f, b.store) {
			parsed[i] = source.Parsed{Seed: k.copy(), Problems: k.problems}
			entries[i], kept[i] = k.entry, k
			return nil
		}
		s, ps := source.ReadFile(f)
		if s != nil {
			entries[i] = b.store.restore(s)
			if kept != nil && f.Sum != ([32]byte{}) {
				pristine := *s
				kept[i] = &keptSeed{seed: &pristine, entry: entries[i], problems: ps}
			}
		}
		parsed[i] = source.Parsed{Seed: s, Problems: ps}
		return nil
	})
	if kept != nil {
		b.seeds = make(map[string]*keptSeed, len(kept))
		for i, k := range kept {
			if k != nil {
				b.seeds[folder.Files[i].Name] = k
			}
		}
	}
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

// keptSeed is a seed a session's build parsed, kept for its next builds:
// the seed as parsed and marked, before sources.yaml was applied (each
// build applies it to a copy), with its entry and the problems of its file.
// A session at 5,000 seeds rebuilds an edited page without 50-60 ms of
// CPU time in parsing and restoring them.
type keptSeed struct {
	seed     *source.Seed
	entry    *seedEntry
	problems diag.List
}

// copy returns a seed of k's own for one build, to which sources.yaml can
// be applied (AssembleMeta sets its Ingested and replaces its Articles).
// Its lines are shared with k's: nothing writes a seed's lines once it is
// loaded (Mark and the store's restore do, before a seed is kept).
func (k *keptSeed) copy() *source.Seed {
	s := *k.seed
	return &s
}

// fits reports whether k, kept under f's name, is the seed of file f, with
// an entry that is the one the store holds for it: the same bytes (by their
// sum), and the store's entry the one k's was read from or last saved as.
// An entry changed since then but not saved (a build that stopped) is read
// again.
func (k *keptSeed) fits(f source.File, st *seedStore) bool {
	if k == nil || f.Sum == ([32]byte{}) || k.seed.Sum != f.Sum || k.entry.raw == nil {
		return false
	}
	raw, ok := st.raw[f.Sum]
	return ok && len(raw) > 0 && len(raw) == len(k.entry.raw) && &raw[0] == &k.entry.raw[0]
}
