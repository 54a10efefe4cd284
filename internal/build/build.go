// Package build runs the pipeline that turns a dossier project into its
// website:
//
//	read     seeds/, content/, templates/ and static/ → a snapshot of their files and SHA-256s
//	load     the seeds → source.Corpus on all cores; meanwhile content/ → content.Site
//	verify   the content against the sources → problems as file:line: message,
//	         while the seeds are extracted
//	extract  actor mentions and the inbox (what no curated page covers yet), per seed
//	render   layouts and data → one job per output file, each with a key naming its inputs
//	publish  the files → the output folder, atomically; files whose key did not change are kept
//
// Build reads the project from an fs.FS, so tests can build a site from an
// in-memory tree; only the output folder and the cache folder are on disk.
// The package owns the one worker pool the stages run on and the caches in
// the project's .dossier-cache/ folder: a missing, stale or damaged cache
// only costs time, never changes the output. They are
//
//	seeds/XX.bin         what was derived from each seed, by its SHA-256, in shards (seedStore)
//	inputs/XX.bin        the input files' bytes as last read, by their identities (inputpack.go)
//	site-<hash>.manifest each output file's key and SHA-256, and its stamp if it has one (package cache)
//	site-<hash>.publish  what the publish stage knows of the two trees (package publish)
//	site-<hash>.last     the last build's inputs and result: a build with the
//	                     same inputs only checks the output (unchanged.go)
//	site-<hash>.search/  the search index's encoded segments, of the last
//	                     build only (searchCache)
//	site-<hash>.print    the printable page's bodies (printcache.go)
//	site-<hash>.out      the output folder the set is for (sitesets.go)
//	program              the SHA-256 of the program's executable, which keys the
//	                     others, kept while the executable is the same file (cache.Version)
//
// The site-<hash> files are a set per output folder; a build removes the
// sets of folders that are gone or that no build wrote for a month, and
// the hidden temporary files (.NAME.tmp-*) an hour old that a build killed
// while it wrote a cache file left.
//
// A Session keeps the snapshot, the seed store and the program's version in
// memory between builds, for `dossier serve`, and rereads only what changed;
// it keeps the curated pages' syntax trees too, and parses only the pages
// that changed.
package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dossier-project/dossier/internal/cache"
	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/diag"
	"github.com/dossier-project/dossier/internal/publish"
	"github.com/dossier-project/dossier/internal/render"
	"github.com/dossier-project/dossier/internal/source"
	"github.com/dossier-project/dossier/internal/verify"
)

// Options are the settings of one build.
type Options struct {
	// Project is the project tree: seeds/, content/, templates/ and static/.
	Project fs.FS
	// Out is the folder the site is published to.
	Out string
	// CacheDir is where the caches are kept between builds, usually
	// ROOT/.dossier-cache; "" builds every file from scratch and neither
	// reads nor writes a cache.
	CacheDir string
	// BaseURL is the address the site will be published at, ending in "/",
	// or "" (see render.Input.BaseURL).
	BaseURL string
	// Workers bounds the goroutines of the worker pool; 0 means GOMAXPROCS.
	Workers int
	// Progress, when set, is told what the build is doing: each stage as
	// it starts and each item of a stage as it starts (see Printer). It is
	// called by one goroutine at a time.
	Progress func(Progress)
}

// Result is what a build did, for the summary the command line prints.
type Result struct {
	Problems                                 diag.List // every problem of the project found, sorted
	Warnings                                 []error   // problems of the build itself (an unusable cache), which do not stop it
	Stats                                    render.Stats
	Files                                    int // files in the site
	Kept                                     int // files kept from the previous site without being made again
	KeptPages                                int // of which HTML pages
	Stamped                                  int // files kept by their stamps, without making their keys again (render.Job.Stamp); counted in Kept
	Sources, Actors, Events, Figures, Topics int
	Coverage                                 verify.Coverage // counted, without the list of uncited lines (verify.Count)
	// Load, Plan and Write time the stages: reading and parsing;
	// verifying, extracting and planning; rendering and publishing.
	Load, Plan, Write time.Duration
}

// Took is the time of the whole build.
func (r *Result) Took() time.Duration { return r.Load + r.Plan + r.Write }

// ErrProblems is returned when the project has errors; they are in
// Result.Problems and nothing was published.
var ErrProblems = errors.New("the dossier has errors")

// PublishError is a failure to write the site; the previous site is unchanged.
type PublishError struct {
	Out string
	Err error
}

// Error is the publish stage's message, which says that the previous site
// is unchanged and what to do.
func (e *PublishError) Error() string { return e.Err.Error() }

func (e *PublishError) Unwrap() error { return e.Err }

// Build loads and verifies the project, renders its site and publishes it
// to o.Out. When the project has errors it returns ErrProblems (the problems
// are in the result) and publishes nothing; when writing fails it returns a
// *PublishError. Either way the previous site stays as it was.
func Build(ctx context.Context, o Options) (*Result, error) {
	s := NewSession(o)
	s.once = true
	return s.Build(ctx, nil)
}

// Session builds one project again and again, as `dossier serve` does,
// keeping in memory what the next build can use: the project's files as
// last read, the seed store, and the program's version. Its builds give the
// same output as Build. A Session is not for concurrent use.
type Session struct {
	o       Options
	snap    *snapshot
	version string
	store   *seedStore
	parsed  content.Parsed       // the curated pages' syntax trees, by file and bytes
	seeds   map[string]*keptSeed // the seeds as parsed, by file name (see load)
	// What only a later build uses is kept by a session that builds again:
	// the layouts, parsed again only when a file of theirs changes, and the
	// printable page's trees and HTML, by body.
	once    bool
	layouts render.LayoutCache
	print   render.PrintCache
}

// NewSession starts a session that builds with o.
func NewSession(o Options) *Session { return &Session{o: o} }

// Build builds the project as Build does. Changed lists the project-relative,
// slash-separated paths (files, or folders meaning everything under them)
// that may have changed since the session's previous build began; only
// those are read again. Nil means unknown: every file is read.
func (s *Session) Build(ctx context.Context, changed []string) (*Result, error) {
	b := newBuilder(s.o)
	start := time.Now()
	res := &Result{}
	s.identifyProgram(b)
	// A first build of the process may find the last build's inputs unchanged
	// from their files' identities, without reading them.
	if s.snap == nil && b.o.CacheDir != "" {
		if kept, ok := b.unchanged(ctx, b.sameFiles); ok {
			kept.Load = time.Since(start)
			return kept, nil
		}
	}
	// The build goes on: the heap is readied for about as many seeds as last
	// time, unless the check for an unchanged project did it (from the record).
	reserveHeap(b.lastSources)
	// The seed store is read while the input files are.
	openStore := b.openStore(s)
	if err := s.begin(ctx, b, changed); err != nil {
		return res, err
	}
	if !b.outputChecked {
		if kept, ok := b.unchanged(ctx, b.sameInputs); ok {
			kept.Load = time.Since(start)
			return kept, nil
		}
	}
	openStore()
	b.parsed = &s.parsed
	if !s.once {
		b.layouts, b.print = &s.layouts, &s.print
	}
	b.usePrintCache(s)
	if !s.once {
		b.seeds = s.seeds
		if b.seeds == nil {
			b.seeds = map[string]*keptSeed{}
		}
	}
	d, problems := b.load(ctx)
	s.seeds = b.seeds
	res.Load = time.Since(start)
	if problems.Errors() > 0 {
		problems.Add(verify.Check(d.Corpus, d.Site)...)
		problems.Sort()
		res.Problems, res.Warnings = problems, b.warnings
		return res, ErrProblems
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	// The checks of the curated pages and the search index's source lines
	// are made while the seeds are extracted: all only read the dossier.
	start = time.Now()
	verified := make(chan diag.List, 1)
	go func() { verified <- verify.Check(d.Corpus, d.Site) }()
	sources := b.startSources(d)
	sources.StartIndex(d.Site)
	defer sources.Wait()
	// Where a site was published before, the output is opened, and the
	// last site's files looked up in it, while the seeds are extracted and
	// the site planned. A first build opens it once it has found no problem,
	// so that one that finds some leaves nothing beside the output folder.
	var out *output
	if publish.Published(b.o.Out) {
		out = b.openOutput()
	}
	b.stage("extracting", len(d.Corpus.Seeds))
	mentions, coMentions, ib, err := b.extract(ctx, d)
	b.warn(b.store.take()...)
	problems.Add(<-verified...)
	problems.Sort()
	res.Problems = problems
	if out != nil && (problems.Errors() > 0 || err != nil) {
		out.abort()
	}
	switch {
	case problems.Errors() > 0:
		res.Warnings = b.warnings
		return res, ErrProblems
	case err != nil:
		return res, err
	}
	if out == nil {
		out = b.openOutput()
	}
	plan, err := b.plan(d, mentions, coMentions, ib, sources)
	res.Plan = time.Since(start)
	if err != nil {
		out.abort()
		res.Warnings = b.warnings
		return res, b.failed(res, err)
	}
	// Coverage is measured while the site is written: both only read the
	// seeds' lines and the pages' citations.
	coverage := make(chan verify.Coverage, 1)
	go func() { coverage <- verify.Count(d.Corpus, d.Site) }()
	start = time.Now()
	b.stage("rendering", len(plan.Jobs))
	kept, err := b.publish(ctx, plan, out)
	cov := <-coverage
	b.warn(b.store.take()...) // of entries read while the site was made
	res.Warnings = b.warnings
	res.Write = time.Since(start)
	if err != nil {
		return res, b.failed(res, err)
	}
	res.Problems.Sort()
	res.Stats, res.Files, res.Kept, res.KeptPages, res.Stamped = plan.Stats(), len(plan.Jobs), kept.files, kept.pages, kept.stamped
	res.Sources, res.Actors, res.Events, res.Figures, res.Topics =
		len(d.Corpus.Seeds), len(d.Site.Actors), len(d.Site.Events), len(d.Site.Figures), len(d.Site.Topics)
	res.Coverage = cov
	// The printable page's bodies are kept while the build is recorded.
	printed := make(chan struct{})
	go func() { b.savePrint(); close(printed) }()
	b.record(res)
	<-printed
	res.Warnings = b.warnings
	return res, nil
}

// identifyProgram gives the build the program's version, which keys the
// cache; without one the build does without the cache.
func (s *Session) identifyProgram(b *builder) {
	if b.o.CacheDir == "" {
		return
	}
	if s.version == "" {
		v, err := cache.Version(b.o.CacheDir)
		if err != nil {
			b.warn(fmt.Errorf("%v; building without the cache", err))
			b.o.CacheDir = ""
		}
		s.version = v
	}
	b.version = s.version
}

// begin reads the project's input files, those the session holds from its
// last build only when changed names them.
func (s *Session) begin(ctx context.Context, b *builder, changed []string) error {
	snap, err := b.readSnapshot(ctx, s.o.Project, s.snap, changed)
	if err != nil {
		return err
	}
	s.snap, b.snap = snap, snap
	b.o.Project = snap.fs(s.o.Project)
	return nil
}

// failed turns an error of the render or publish stage into the build's
// error: a layout problem becomes a problem of its file.
func (b *builder) failed(res *Result, err error) error {
	var te *render.TemplateError
	if errors.As(err, &te) {
		res.Problems.Add(diag.Errorf(filepath.ToSlash(filepath.Join("templates", te.File)), te.Line, "%s", te.Message()))
		res.Problems.Sort()
		return ErrProblems
	}
	return err
}

// builder is one build's state.
type builder struct {
	o             Options
	workers       int
	warnMu        sync.Mutex
	warnings      []error // cache problems: the build goes on without the cache
	published     publish.Stats
	version       string                      // the program's, when the cache is used
	snap          *snapshot                   // the project's input files
	listed        *inputList                  // and their identities, when listed before the snapshot
	outputChecked bool                        // unchanged compared the output with the last build's
	ahead         *readAhead                  // the manifest and publish state, read ahead by unchanged
	noLast        bool                        // there is no usable record of the last build
	lastSources   int                         // the seeds the last build had, from its record; 0 if unknown
	store         *seedStore                  // what earlier builds derived from the seeds
	parsed        *content.Parsed             // the session's syntax trees of the curated pages, or nil
	layouts       *render.LayoutCache         // the session's parsed layouts, or nil
	print         *render.PrintCache          // the printable page's bodies: the session's, the build's own (kept in the cache folder), or nil
	search        *searchCache                // this build's, when the cache is used
	entries       map[*source.Seed]*seedEntry // this build's, per seed
	seeds         map[string]*keptSeed        // a session's seeds of its last build, then of this one; nil outside a session
	manifestSum   [32]byte                    // of the manifest this build saved
	stageName     string                      // the stage running, for Options.Progress
	stageTotal    int
}

func newBuilder(o Options) *builder {
	w := o.Workers
	if w <= 0 {
		w = runtime.GOMAXPROCS(0)
	}
	return &builder{o: o, workers: w, store: openSeedStore("", "")}
}

// openStore starts reading the seed store on its own goroutine, and
// returns the function that gives it to the build once read: the session's,
// or the cache folder's when the session has none of this version yet.
func (b *builder) openStore(s *Session) func() {
	if b.o.CacheDir == "" {
		return func() {}
	}
	if s.store != nil && s.store.version == b.version {
		return func() { b.store = s.store; b.warn(b.store.take()...) }
	}
	read := make(chan *seedStore, 1)
	go func() { read <- openSeedStore(b.o.CacheDir, b.version) }()
	return func() {
		s.store = <-read
		b.store = s.store
		b.warn(b.store.take()...)
	}
}

// warn records a cache problem; the build continues without that cache.
// It may be called from any goroutine.
func (b *builder) warn(errs ...error) {
	b.warnMu.Lock()
	defer b.warnMu.Unlock()
	b.warnings = append(b.warnings, errs...)
}

// each calls fn(0) … fn(n-1) on the worker pool and returns the error of the
// lowest i that failed, so that the same input always reports the same
// error; after a failure no further calls start. The calls start in the
// order of i: each worker takes the next i when its call returns, so that
// the many calls of a rebuild that take microseconds each (a file kept)
// cost no goroutine or hand-over each. While they run, the progress is
// reported every progressEvery.
func (b *builder) each(ctx context.Context, n int, fn func(i int) error) error {
	errs := make([]error, n)
	var next atomic.Int64 // the next i to start
	var failed atomic.Bool
	var wg sync.WaitGroup
	cancelled := ctx.Done()
	for range min(b.workers, n) {
		wg.Go(func() {
			for !failed.Load() {
				select {
				case <-cancelled:
					return
				default:
				}
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				if errs[i] = fn(i); errs[i] != nil {
					failed.Store(true)
				}
			}
		})
	}
	if b.o.Progress != nil {
		done := make(chan struct{})
		go func() { wg.Wait(); close(done) }()
		tick := time.NewTicker(progressEvery)
		for running := true; running; {
			select {
			case <-done:
				running = false
			case <-tick.C:
			}
			b.step(min(n, int(next.Load())))
		}
		tick.Stop()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return ctx.Err()
}

// progressEvery is how often each reports its stage's progress.
const progressEvery = 50 * time.Millisecond
