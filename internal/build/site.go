package build

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"

	"github.com/dossier-project/dossier/internal/cache"
	"github.com/dossier-project/dossier/internal/publish"
	"github.com/dossier-project/dossier/internal/render"
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
	mentions := b.mentions(d.Corpus, actorNames(d), version)
	ib, err := b.inbox(ctx, d, version)
	if err != nil {
		return nil, err
	}
	tmpl, err := fs.Sub(b.o.Project, "templates")
	if err != nil {
		return nil, err
	}
	static, err := fs.Sub(b.o.Project, "static")
	if err != nil {
		return nil, err
	}
	title := "Dossier"
	if d.Site.Index != nil {
		title = d.Site.Index.Title
	}
	return render.NewPlan(render.Input{
		Corpus: d.Corpus, Site: d.Site, Markdown: d.Markdown,
		Mentions: mentions, Inbox: ib,
		Templates: tmpl, Static: static, Title: title, BaseURL: b.o.BaseURL, Version: version,
	})
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
