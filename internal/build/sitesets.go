package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dossier-project/dossier/internal/cache"
	"github.com/dossier-project/dossier/internal/renameio"
)

// Each output folder a project is built into has its own set of files in
// the cache folder, named by the folder's absolute path (cache.File):
// site-<hash>.manifest, .publish, .last, .print, the .search folder, and
// .out, which names the output folder. A build into one folder never reads
// another's set, so sets would pile up, one for every folder ever built
// into (a preview, a test, a folder since deleted), each as large as the
// site's records. After each build with the cache, the sets of other
// folders are removed when their folder is gone, or when none of their
// files was written for staleSets (a set without .out, from an older
// version, is only ever removed that way). Removing a set only costs the
// next build into its folder the time of building without a cache.

// staleSets is how long a set no build wrote stays in the cache folder.
const staleSets = 30 * 24 * time.Hour

// staleTemporaries is how old a temporary file of the cache folder must be
// to be taken for one a stopped build left (see pruneTemporaries): far
// older than any build takes, so that a file another build of the project
// is writing is never removed.
const staleTemporaries = time.Hour

// siteFile is the file of this build's output folder with the given suffix.
func (b *builder) siteFile(suffix string) string {
	return strings.TrimSuffix(cache.File(b.o.CacheDir, b.o.Out), ".manifest") + suffix
}

// noteOutput writes the set's .out file, naming the output folder, unless
// it does already. Failing is a warning.
func (b *builder) noteOutput() {
	abs, err := filepath.Abs(b.o.Out)
	if err != nil {
		return
	}
	file := b.siteFile(".out")
	if old, err := os.ReadFile(file); err == nil && string(old) == abs+"\n" {
		return
	}
	if err := renameio.WriteFile(file, []byte(abs+"\n"), 0o644); err != nil {
		b.warn(fmt.Errorf("cache: %w", err))
	}
}

// pruneCache removes from the cache folder the sets of other output
// folders that are gone or stale (pruneSiteSets) and what writes that
// stopped midway left (pruneTemporaries), at the time now. It lists the
// cache folder and the input pack's; the seed store listed its own.
func (b *builder) pruneCache(now time.Time) {
	entries, err := os.ReadDir(b.o.CacheDir)
	if err != nil {
		return
	}
	b.pruneSiteSets(entries, now)
	b.pruneTemporaries(b.o.CacheDir, temporaries(entries), now)
	if entries, err := os.ReadDir(filepath.Join(b.o.CacheDir, packDir)); err == nil {
		b.pruneTemporaries(filepath.Join(b.o.CacheDir, packDir), temporaries(entries), now)
	}
	if b.store != nil && b.store.dir != "" {
		b.pruneTemporaries(b.store.dir, b.store.temporaries, now)
	}
}

// pruneSiteSets removes the sets of other output folders that are gone or
// stale (see staleSets) at the time now, given the entries of the cache
// folder. Failing to remove one is a warning.
func (b *builder) pruneSiteSets(entries []fs.DirEntry, now time.Time) {
	current := filepath.Base(b.siteFile(""))
	type set struct {
		names  []string
		latest time.Time
	}
	sets := map[string]*set{}
	for _, e := range entries {
		name, _, ok := strings.Cut(e.Name(), ".")
		if !ok || !strings.HasPrefix(name, "site-") || name == current {
			continue
		}
		s := sets[name]
		if s == nil {
			s = &set{}
			sets[name] = s
		}
		s.names = append(s.names, e.Name())
		if info, err := e.Info(); err == nil && info.ModTime().After(s.latest) {
			s.latest = info.ModTime()
		}
	}
	for name, s := range sets {
		if !gone(filepath.Join(b.o.CacheDir, name+".out")) && now.Sub(s.latest) < staleSets {
			continue
		}
		for _, n := range s.names {
			if err := os.RemoveAll(filepath.Join(b.o.CacheDir, n)); err != nil {
				b.warn(fmt.Errorf("cache: %w", err))
			}
		}
	}
}

// temporaries returns the names of the temporary files among entries
// (renameio.IsTemporary), folders left out.
func temporaries(entries []fs.DirEntry) []string {
	var names []string
	for _, e := range entries {
		if renameio.IsTemporary(e.Name()) && !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	return names
}

// pruneTemporaries removes those of the temporary files names of the
// folder dir that were last written more than staleTemporaries before now:
// what a build killed while it wrote a cache file left. (Nothing reads
// them, but nothing else would remove them; the search segments' folder is
// pruned whole, see searchCache.prune.) Failing to remove one is a warning.
func (b *builder) pruneTemporaries(dir string, names []string, now time.Time) {
	for _, name := range names {
		p := filepath.Join(dir, name)
		info, err := os.Lstat(p)
		if err != nil || !info.Mode().IsRegular() || now.Sub(info.ModTime()) < staleTemporaries {
			continue
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			b.warn(fmt.Errorf("cache: %w", err))
		}
	}
}

// gone reports whether the .out file names an output folder that is not
// there; false when it names none or cannot be read.
func gone(out string) bool {
	b, err := os.ReadFile(out)
	if err != nil {
		return false
	}
	dir := strings.TrimSuffix(string(b), "\n")
	if dir == "" || !filepath.IsAbs(dir) {
		return false
	}
	_, err = os.Lstat(dir)
	return errors.Is(err, fs.ErrNotExist)
}
