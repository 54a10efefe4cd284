package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dossier-project/dossier/internal/cache"
	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/geo"
	"github.com/dossier-project/dossier/internal/inbox"
	"github.com/dossier-project/dossier/internal/publish"
	"github.com/dossier-project/dossier/internal/render"
	"github.com/dossier-project/dossier/internal/search"
	"github.com/dossier-project/dossier/internal/source"
	"github.com/dossier-project/dossier/internal/theme"
)

// plan lays out every file of the site, given the mentions and the inbox
// of the extract stage.
func (b *builder) plan(d *Dossier, mentions map[string][]source.Ref, coMentions map[[2]string]int, ib *inbox.Inbox, sources *render.Sources) (*render.Plan, error) {
	b.stage("planning", 0)
	baseURL := b.o.BaseURL
	if baseURL == "" {
		baseURL = d.Site.Settings.BaseURL
	}
	in := render.Input{
		Corpus: d.Corpus, Site: d.Site, Markdown: d.Markdown,
		Mentions: mentions, CoMentions: coMentions, Inbox: ib, Atlas: geo.World,
		Layouts: theme.Layouts(b.o.Project), Assets: theme.Assets(b.o.Project),
		BaseURL: baseURL, Version: b.version, NoKeys: b.o.CacheDir == "",
		LayoutCache: b.layouts, PrintCache: b.print, Sources: sources,
	}
	in.Epoch, in.SeedEpoch, in.Seeds = b.epochs(baseURL)
	if b.search != nil {
		in.SearchCache = b.search
	}
	return render.NewPlan(in)
}

// epochs are render.Input.Epoch, SeedEpoch and Seeds: the snapshot's
// fingerprint (the program, the address the site is published at, and
// every input file by path and SHA-256) without the seeds' texts, the .txt
// files of seeds/ (a file of another name there is not a seed, and stops
// the build, or is hidden and read by nothing); that without the curated
// pages too, the .md files of content/; and the seeds' texts alone. The
// stamps add what their files read of the seeds and of the curated pages
// (see render.Job.Stamp). They are zero without the cache or a snapshot of
// the project.
func (b *builder) epochs(baseURL string) (epoch, seedEpoch, seeds render.Key) {
	if b.o.CacheDir == "" || b.snap == nil {
		return epoch, seedEpoch, seeds
	}
	seedText := func(p string) bool {
		name, ok := strings.CutPrefix(p, source.Dir+"/")
		return ok && !strings.Contains(name, "/") && strings.HasSuffix(name, ".txt")
	}
	curated := func(p string) bool { return strings.HasPrefix(p, content.Dir+"/") && strings.HasSuffix(p, ".md") }
	keys := b.snap.keys(b.version, baseURL, seedText,
		func(p string) bool { return seedText(p) || curated(p) },
		func(p string) bool { return !seedText(p) })
	return keys[0], keys[1], keys[2]
}

// startSources starts encoding the search index's source lines, which
// depend on the seeds alone, on their own goroutine (render.StartSources).
func (b *builder) startSources(d *Dossier) *render.Sources {
	in := render.Input{Corpus: d.Corpus, Version: b.version, NoKeys: b.o.CacheDir == ""}
	if b.o.CacheDir != "" {
		b.search = openSearchCache(b)
		in.SearchCache = b.search
	}
	return render.StartSources(in)
}

// output is what the publish stage needs before its jobs run: the last
// build's manifest and a transaction on the output folder (package
// publish), which reads what is known of the two trees and may have to
// make the spare one. openOutput gets them while the site is planned,
// taking the manifest and the state unchanged read ahead, if it did.
type output struct {
	done           chan struct{}
	prev           *cache.Manifest
	manifest, path string
	tx             *publish.Tx
	err            error
}

// openOutput starts getting the output ready on its own goroutine, and
// looking up the files the last build published; wait for it with ready,
// or drop it with abort.
func (b *builder) openOutput() *output {
	o := &output{done: make(chan struct{}), path: b.o.Out}
	state := ""
	if b.o.CacheDir != "" {
		o.manifest, state = cache.File(b.o.CacheDir, o.path), b.statePath()
	}
	ahead := b.ahead
	go func() {
		defer close(o.done)
		var read *publish.State
		if o.manifest != "" {
			var err error
			if ahead != nil {
				ahead.wait()
				o.prev, err, read = ahead.manifest, ahead.err, ahead.state
			} else {
				o.prev, err = cache.Load(o.manifest)
			}
			if err != nil {
				b.warn(err)
			}
		}
		o.tx, o.err = publish.Open(o.path, publish.Options{State: state, Read: read, Warn: func(err error) { b.warn(err) }})
		if o.err == nil && o.prev != nil {
			// The last site's files are looked up in the spare while the
			// build extracts and plans, which leave a core idle for some
			// of the time (planning, much of it).
			o.tx.LookAhead(o.prev.SortedPaths())
		}
	}()
	return o
}

// ready waits for the output; its error is a *PublishError.
func (o *output) ready() error {
	<-o.done
	if o.err != nil {
		return &PublishError{Out: o.path, Err: o.err}
	}
	return nil
}

// abort drops the output of a build that stops before publishing.
func (o *output) abort() {
	if o.ready() == nil {
		o.tx.Abort()
	}
}

// publish makes every file of the plan on the worker pool and puts the new
// site in place in the output (package publish). A file whose stamp or key
// is the one the last build recorded is kept without being made again,
// when the site on disk still holds it. It returns how many files were
// kept.
func (b *builder) publish(ctx context.Context, plan *render.Plan, o *output) (kept, error) {
	if err := o.ready(); err != nil {
		return kept{}, err
	}
	tx := o.tx
	var counts keptCounts
	order := plan.Order()
	paths := make([]string, len(plan.Jobs))
	for i, j := range plan.Jobs {
		paths[i] = j.Path
	}
	if err := tx.Declare(paths); err != nil {
		tx.Abort()
		return kept{}, &PublishError{Out: o.path, Err: err}
	}
	// Each job's entry of the last manifest, if any.
	var prev []*cache.Entry
	if o.prev != nil {
		prev = o.prev.Lookup(paths)
	}
	// Each job's entry of the next manifest, by job: the manifest is made
	// once they all ran.
	entries := make([]cache.Entry, len(plan.Jobs))
	err := b.each(ctx, len(order), func(n int) error {
		i := order[n]
		var last *cache.Entry
		if prev != nil {
			last = prev[i]
		}
		return publishJob(plan.Jobs[i], last, &entries[i], tx, &counts)
	})
	if err != nil {
		tx.Abort()
		var we *writeError
		if errors.As(err, &we) {
			return kept{}, &PublishError{Out: o.path, Err: we.err}
		}
		return kept{}, err
	}
	b.stage("publishing", 0)
	// The manifest is saved while the site is put in place: it says which
	// bytes each key gave, which holds whether or not the site is.
	saved := make(chan error, 1)
	var manifestSum [32]byte
	if o.manifest != "" {
		go func() {
			var err error
			manifestSum, err = cache.Write(o.manifest, func(yield func(string, cache.Entry) bool) {
				for i, j := range plan.Jobs {
					if !yield(j.Path, entries[i]) {
						return
					}
				}
			})
			saved <- err
		}()
	} else {
		saved <- nil
	}
	stats, err := tx.Commit()
	serr := <-saved
	if err != nil {
		return kept{}, &PublishError{Out: o.path, Err: err}
	}
	b.published = stats
	if serr != nil {
		b.warn(fmt.Errorf("%v (the site is built; the next build will not be incremental)", serr))
	} else {
		b.manifestSum = manifestSum // zero without a cache folder
	}
	if b.search != nil {
		b.search.prune()
	}
	return counts.result(), nil
}

// publishJob runs job j: it keeps the file the last build made when the
// job's stamp (render.Job.Stamp), or else its key, is the same as in the
// file's last entry (nil: none) and the file is intact, and otherwise
// makes it. It sets *entry to the file's entry of the next manifest.
func publishJob(j render.Job, last *cache.Entry, entry *cache.Entry, tx *publish.Tx, n *keptCounts) error {
	// A job stamped as the last build stamped it has its last key: it
	// is not prepared again, unless its file is not what that build made.
	var stamp render.Key
	if j.Stamp != nil {
		stamp = j.Stamp()
	}
	stamped := last != nil && stamp != (render.Key{}) && last.Stamp == stamp
	if stamped {
		if checkStamps {
			if key, _, err := j.Prepare(); err == nil && key != last.Key {
				return fmt.Errorf("build: the stamp of %s is the last build's, its key is not: the stamp misses an input of the key", j.Path)
			}
		}
		if done, err := keep(j, *last, entry, tx, n); done || err != nil {
			if done {
				n.stamped.Add(1)
			}
			return err
		}
	}
	key, produce, err := j.Prepare()
	if err != nil {
		return err
	}
	if last != nil && last.Key == key && !stamped {
		e := *last
		e.Stamp = stamp
		if done, err := keep(j, e, entry, tx, n); done || err != nil {
			return err
		}
	}
	data, err := produce()
	if err != nil {
		return err
	}
	sum, err := tx.Put(j.Path, data)
	if err != nil {
		return &writeError{err}
	}
	if j.Recycle != nil {
		j.Recycle(data)
	}
	*entry = cache.Entry{Key: key, Sum: sum, Stamp: stamp}
	return nil
}

// checkStamps makes publishJob prepare every job kept by its stamp all the
// same, and fail when the job's key is not the last build's: the stamp
// misses an input of the key. The package's tests set it.
var checkStamps bool

// keep keeps the file of job j made by the last build, whose entry of the
// next manifest is e, when the site on disk still holds it; it reports
// whether it did.
func keep(j render.Job, e cache.Entry, entry *cache.Entry, tx *publish.Tx, n *keptCounts) (bool, error) {
	ok, err := tx.Keep(j.Path, e.Sum)
	if err != nil {
		return false, &writeError{err}
	}
	if ok {
		*entry = e
		n.files.Add(1)
		if j.Page {
			n.pages.Add(1)
		}
	}
	return ok, nil
}

// keptCounts counts the files the publish stage kept: all, the pages, and
// those kept by their stamps.
type keptCounts struct{ files, pages, stamped atomic.Int64 }

func (n *keptCounts) result() kept {
	return kept{int(n.files.Load()), int(n.pages.Load()), int(n.stamped.Load())}
}

// kept is what keptCounts counted.
type kept struct{ files, pages, stamped int }

// statePath is the publish stage's state file for the output folder.
func (b *builder) statePath() string {
	return b.siteFile(".publish")
}

// writeError is a failure to write the new site, as opposed to rendering it.
type writeError struct{ err error }

func (e *writeError) Error() string { return e.err.Error() }
func (e *writeError) Unwrap() error { return e.err }

// searchCache keeps the search index's encoded segments in the cache
// folder, one sealed file per key, in a folder per output folder. It notes
// the segments a build uses, and once the site is published removes the
// others (prune): each edit of a page encodes a new segment of the pages,
// which must not pile up.
type searchCache struct {
	dir  string
	b    *builder
	mu   sync.Mutex
	used map[string]bool // segments (search.CacheSegment) read or written
}

const searchFormat = "dossier-search-2"

func openSearchCache(b *builder) *searchCache {
	// Earlier versions kept one folder for every output folder.
	os.RemoveAll(filepath.Join(b.o.CacheDir, "search"))
	dir := b.siteFile(".search")
	return &searchCache{dir: dir, b: b, used: map[string]bool{}}
}

func (c *searchCache) use(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.used[search.CacheSegment(key)] = true
}

func (c *searchCache) Get(key string) ([]byte, bool) {
	body, ok, err := cache.ReadSealed(filepath.Join(c.dir, key), searchFormat)
	if err != nil || !ok {
		return nil, false
	}
	c.use(key)
	return body, true
}

func (c *searchCache) Put(key string, value []byte) {
	c.use(key)
	if err := cache.WriteSealed(filepath.Join(c.dir, key), searchFormat, value); err != nil {
		c.b.warn(err)
	}
}

// prune removes every file of the folder but the segments this build used:
// older versions of them, and what a stopped write left.
func (c *searchCache) prune() {
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		return // none yet; an unreadable one was reported by Put
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range entries {
		if c.used[search.CacheSegment(e.Name())] {
			continue
		}
		if err := os.Remove(filepath.Join(c.dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
			c.b.warn(fmt.Errorf("cache: %w", err))
		}
	}
}
