package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// pending collects what changed since the last build began, and what
// failed builds were given, and signals the build loop.
type pending struct {
	signal chan struct{} // holds one token while changes wait

	mu    sync.Mutex
	paths map[string]struct{}
	all   bool      // something changed that cannot be named
	first time.Time // the oldest change not yet taken
	last  time.Time // the newest
	// The changes given to failed builds: the site on disk does not have
	// them yet, so the next build gets them again.
	kept    map[string]struct{}
	keptAll bool
}

func newPending() *pending {
	return &pending{signal: make(chan struct{}, 1), paths: map[string]struct{}{}, kept: map[string]struct{}{}}
}

// keep hands the changes of a failed build on to the next build, without
// starting one.
func (p *pending) keep(changed []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if changed == nil {
		p.keptAll = true
	}
	for _, c := range changed {
		p.kept[c] = struct{}{}
	}
}

// add records a change of the project-relative path p; "" means anything.
func (p *pending) add(path string) {
	p.mu.Lock()
	now := time.Now()
	if !p.all && len(p.paths) == 0 {
		p.first = now
	}
	p.last = now
	if path == "" {
		p.all = true
	} else {
		p.paths[path] = struct{}{}
	}
	p.mu.Unlock()
	select {
	case p.signal <- struct{}{}:
	default:
	}
}

// due returns how long to wait before building: until the changes have
// been quiet for the given time, but never longer than twenty times that
// after the first change, so that a stream of writes cannot hold builds off.
func (p *pending) due(quiet time.Duration, now time.Time) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.all && len(p.paths) == 0 {
		return 0
	}
	at := p.last.Add(quiet)
	if limit := p.first.Add(20 * quiet); limit.Before(at) {
		at = limit
	}
	return at.Sub(now)
}

// take returns the changed paths with those kept from failed builds,
// sorted, or nil when anything may have changed, and empties the sets; ok is
// false when nothing changed since the last take.
func (p *pending) take() (changed []string, ok bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	ok = p.all || len(p.paths) > 0
	if !ok {
		return nil, false
	}
	if !p.all && !p.keptAll {
		maps.Copy(p.paths, p.kept)
		changed = slices.Sorted(maps.Keys(p.paths))
	}
	p.all, p.keptAll = false, false
	clear(p.paths)
	clear(p.kept)
	return changed, true
}

// scope decides which paths are watched: those under the watched folders
// of the project, except hidden files and folders, backups, and the built
// site should it lie inside one of them.
type scope struct {
	root string
	tops map[string]bool // the watched folders, project-relative
	out  string          // the built site, project-relative, or ""
}

func newScope(o Options) scope {
	s := scope{root: o.Root, tops: map[string]bool{}}
	for _, w := range o.Watch {
		s.tops[filepath.ToSlash(filepath.Clean(w))] = true
	}
	if rel, err := filepath.Rel(o.Root, o.Out); err == nil && filepath.IsLocal(rel) {
		s.out = filepath.ToSlash(rel)
	}
	return s
}

// rel returns the project-relative, slash-separated form of the file path
// p, and whether it is watched.
func (s scope) rel(p string) (string, bool) {
	rel, err := filepath.Rel(s.root, p)
	if err != nil || !filepath.IsLocal(rel) {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	if s.out != "" && (rel == s.out || strings.HasPrefix(rel, s.out+"/")) {
		return "", false
	}
	for top := range s.tops {
		if rel == top || strings.HasPrefix(rel, top+"/") {
			return rel, !ignored(rel[len(top):])
		}
	}
	return "", false
}

// ignored reports whether a path below a watched folder has a hidden
// element (.git, an Emacs lock .#x.md, a Vim swap file .x.md.swp) or is a
// backup (x.md~): editors' scratch files, which no build reads.
func ignored(below string) bool {
	return strings.Contains(below, "/.") || strings.HasSuffix(below, "~")
}

// notifier turns file system notifications into pending changes.
type notifier struct {
	scope
	w   *fsnotify.Watcher
	p   *pending
	log io.Writer
}

// newNotifier watches the project folder itself, so that a watched folder
// created later is seen, and every folder under the watched ones.
func newNotifier(o Options, p *pending) (*notifier, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("serve: cannot watch files for changes (%w); look for them by polling instead (dossier serve -poll 500ms)", err)
	}
	n := &notifier{scope: newScope(o), w: w, p: p, log: o.Log}
	if err := w.Add(o.Root); err != nil {
		w.Close()
		return nil, fmt.Errorf("serve: cannot watch %s for changes (%w); look for them by polling instead (dossier serve -poll 500ms)", o.Root, err)
	}
	for top := range n.tops {
		n.addTree(filepath.Join(o.Root, filepath.FromSlash(top)), false)
	}
	return n, nil
}

// run handles notifications until ctx is cancelled, then stops watching.
func (n *notifier) run(ctx context.Context) {
	defer n.w.Close()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-n.w.Events:
			if !ok {
				return
			}
			n.handle(ev)
		case err, ok := <-n.w.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				n.p.add("") // changes were lost: build everything
			}
			fmt.Fprintf(n.log, "serve: watching for changes: %v\n", err)
		}
	}
}

func (n *notifier) handle(ev fsnotify.Event) {
	rel, ok := n.rel(ev.Name)
	if !ok || ev.Op == fsnotify.Chmod {
		return // outside the watched folders, or only attributes changed
	}
	if ev.Has(fsnotify.Create) {
		if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
			n.addTree(ev.Name, true)
		}
	}
	n.p.add(rel)
}

// addTree watches the folder dir and every folder under it. When report is
// set, the files found are recorded as changed: they may have been written
// before the folder was watched, and then no notification tells of them.
func (n *notifier) addTree(dir string, report bool) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // gone or unreadable; a later notification tells if it comes back
		}
		rel, ok := n.rel(p)
		if !ok {
			return skip(d)
		}
		if d.IsDir() {
			if err := n.w.Add(p); err != nil {
				fmt.Fprintf(n.log, "serve: cannot watch %s for changes: %v (if the system's limit of watches is reached, look for changes by polling: dossier serve -poll 500ms)\n", rel, err)
			}
		} else if report {
			n.p.add(rel)
		}
		return nil
	})
}

// skip is what a WalkDir function returns to pass over the entry d.
func skip(d fs.DirEntry) error {
	if d.IsDir() {
		return fs.SkipDir
	}
	return nil
}

// poller finds changes by scanning the watched folders at an interval, for
// file systems that send no notifications.
type poller struct {
	scope
	every time.Duration
	p     *pending
	last  map[string]stamp
}

// stamp is what a scan notes of a file to tell whether it changed.
type stamp struct {
	size int64
	mod  time.Time
	mode fs.FileMode
}

// newPoller scans the folders once at once, so that changes made during
// the first build are found by the next scan.
func newPoller(o Options, p *pending) *poller {
	pl := &poller{scope: newScope(o), every: o.Poll, p: p}
	pl.last = pl.scan()
	return pl
}

func (pl *poller) run(ctx context.Context) {
	t := time.NewTicker(pl.every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		now := pl.scan()
		for _, p := range changedFiles(pl.last, now) {
			pl.p.add(p)
		}
		pl.last = now
	}
}

// scan notes every watched file.
func (pl *poller) scan() map[string]stamp {
	files := map[string]stamp{}
	for top := range pl.tops {
		filepath.WalkDir(filepath.Join(pl.root, filepath.FromSlash(top)), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			rel, ok := pl.rel(p)
			if !ok {
				return skip(d)
			}
			if d.IsDir() {
				return nil
			}
			if info, err := d.Info(); err == nil {
				files[rel] = stamp{size: info.Size(), mod: info.ModTime(), mode: info.Mode()}
			}
			return nil
		})
	}
	return files
}

// changedFiles returns the files added, removed or modified between two
// scans, sorted.
func changedFiles(before, after map[string]stamp) []string {
	var changed []string
	for p, a := range after {
		if b, ok := before[p]; !ok || b.size != a.size || !b.mod.Equal(a.mod) || b.mode != a.mode {
			changed = append(changed, p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			changed = append(changed, p)
		}
	}
	slices.Sort(changed)
	return changed
}
