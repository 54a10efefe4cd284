package build

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"github.com/dossier-project/dossier/internal/cache"
	"github.com/dossier-project/dossier/internal/geo"
	"github.com/dossier-project/dossier/internal/publish"
	"github.com/dossier-project/dossier/internal/render"
	"github.com/dossier-project/dossier/internal/theme"
)

// plan runs the extract stage and lays out every file of the site.
func (b *builder) plan(ctx context.Context, d *Dossier) (*render.Plan, error) {
	version := ""
	if b.o.CacheDir != "" {
		var err error
		if version, err = cache.Version(); err != nil {
			b.warn(fmt.Errorf("%v; building without the cache", err))
			b.o.CacheDir = ""
		}
	}
	mentions := b.mentions(d.Corpus, names(d), version)
	ib, err := b.inbox(ctx, d, version)
	if err != nil {
		return nil, err
	}
	atlas, err := geo.World()
	if err != nil {
		return nil, err
	}
	baseURL := b.o.BaseURL
	if baseURL == "" {
		baseURL = d.Site.Settings.BaseURL
	}
	in := render.Input{
		Corpus: d.Corpus, Site: d.Site, Markdown: d.Markdown,
		Mentions: mentions, Inbox: ib, Atlas: atlas,
		Layouts: theme.Layouts(b.o.Project), Assets: theme.Assets(b.o.Project),
		BaseURL: baseURL, Version: version, NoKeys: b.o.CacheDir == "",
	}
	if b.o.CacheDir != "" {
		in.SearchCache = &searchCache{dir: filepath.Join(b.o.CacheDir, "search"), b: b}
	}
	return render.NewPlan(in)
}

// publish makes every file of the plan on the worker pool and swaps the new
// site in. It returns how many files were kept from the previous site.
func (b *builder) publish(ctx context.Context, plan *render.Plan) (int, error) {
	out := b.o.Out
	var prev, next *cache.Manifest
	manifest := ""
	if b.o.CacheDir != "" {
		manifest = cache.File(b.o.CacheDir, out)
		var err error
		if prev, err = cache.Load(manifest); err != nil {
			b.warn(err)
		}
		next = cache.New()
	}
	stage, err := publish.Begin(out)
	if err != nil {
		return 0, &PublishError{Out: out, Err: err}
	}
	var kept atomic.Int64
	err = b.each(ctx, len(plan.Jobs), func(i int) error {
		ok, err := makeFile(plan.Jobs[i], stage, out, prev, next)
		if ok {
			kept.Add(1)
		}
		return err
	})
	if err != nil {
		stage.Abort()
		var we *writeError
		if errors.As(err, &we) {
			return 0, &PublishError{Out: out, Err: we.err}
		}
		return 0, err
	}
	if err := stage.Commit(); err != nil {
		return 0, &PublishError{Out: out, Err: err}
	}
	if next != nil {
		if err := next.Save(manifest); err != nil {
			b.warn(fmt.Errorf("%v (the site is built; the next build will not be incremental)", err))
		}
	}
	return int(kept.Load()), nil
}

// makeFile puts one file into the new site. When the previous build made
// the file from the same key and it is still on disk as written, it is
// hardlinked without being rendered; when rendering gives the bytes the
// previous site already has, it is hardlinked without being written.
// It reports whether the previous file was reused.
func makeFile(j render.Job, stage *publish.Stage, out string, prev, next *cache.Manifest) (bool, error) {
	key, produce, err := j.Prepare()
	if err != nil {
		return false, err
	}
	old, hadOld := cache.Entry{}, false
	if prev != nil {
		if e, ok := prev.Get(j.Path); ok {
			if info, err := os.Lstat(filepath.Join(out, filepath.FromSlash(j.Path))); err == nil && e.Describes(info) {
				old, hadOld = e, true
			}
		}
	}
	if hadOld && old.Key == key && stage.Reuse(j.Path) == nil {
		if next != nil {
			next.Set(j.Path, old)
		}
		return true, nil
	}
	b, err := produce()
	if err != nil {
		return false, err
	}
	sum := sha256.Sum256(b)
	if hadOld && old.Sum == sum && stage.Reuse(j.Path) == nil {
		if next != nil {
			old.Key = key
			next.Set(j.Path, old)
		}
		return true, nil
	}
	info, err := stage.WriteFile(j.Path, b)
	if err != nil {
		return false, &writeError{err}
	}
	if next != nil {
		next.Set(j.Path, cache.NewEntry(key, sum, info))
	}
	return false, nil
}

// writeError is a failure to write the new site, as opposed to rendering it.
type writeError struct{ err error }

func (e *writeError) Error() string { return e.err.Error() }
func (e *writeError) Unwrap() error { return e.err }

// searchCache keeps the search index's encoded segments in the cache
// folder, one sealed file per segment key.
type searchCache struct {
	dir string
	b   *builder
	mu  sync.Mutex
}

const searchFormat = "dossier-search-1"

func (c *searchCache) Get(key string) ([]byte, bool) {
	data, err := os.ReadFile(filepath.Join(c.dir, key))
	if err != nil {
		return nil, false
	}
	body, err := cache.Unseal(data, searchFormat)
	if err != nil {
		return nil, false
	}
	return body, true
}

func (c *searchCache) Put(key string, value []byte) {
	if err := cache.WriteSealed(filepath.Join(c.dir, key), searchFormat, value); err != nil {
		c.mu.Lock()
		c.b.warn(err)
		c.mu.Unlock()
	}
}
