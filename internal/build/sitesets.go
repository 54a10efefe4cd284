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

// pruneSiteSets removes the sets of other output folders that are gone or
// stale (see staleSets) at the time now. Failing to remove one is a
// warning.
func (b *builder) pruneSiteSets(now time.Time) {
	entries, err := os.ReadDir(b.o.CacheDir)
	if err != nil {
		return
	}
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
