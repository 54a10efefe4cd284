// Package publish writes a rendered site to disk atomically.
//
// The files are written into a fresh temporary folder beside the target
// (".public.tmp-*"), which then replaces the target in one step: on Linux by
// exchanging the two folders with renameat2(RENAME_EXCHANGE), elsewhere by two
// renames. A build that fails or is killed before the swap leaves the previous
// site untouched; leftovers of such a build are removed by the next one.
//
// Write takes the whole site in memory. Begin returns a Stage that takes files
// one by one, from several goroutines, and can hardlink files of the current
// site that did not change instead of writing them again.
package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Write replaces the folder dir with exactly the given files (path → bytes,
// slash-separated, relative to dir).
func Write(dir string, files map[string][]byte) error {
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	st, err := Begin(dir)
	if err != nil {
		return err
	}
	for _, p := range paths {
		if _, err := st.WriteFile(p, files[p]); err != nil {
			st.Abort()
			return fmt.Errorf("%w (the previous site is unchanged)", err)
		}
	}
	return st.Commit()
}

// Stage is a new site being written beside its folder. Files are added with
// WriteFile, or with Reuse, which hardlinks a file of the current site whose
// bytes are known to be right; Commit swaps the whole folder in at once and
// Abort throws it away. WriteFile and Reuse may be called concurrently.
type Stage struct {
	dir, tmp string
	made     sync.Map // folders already created inside tmp
}

// Begin starts a new site for dir, removing leftovers of interrupted builds.
func Begin(dir string) (*Stage, error) {
	dir = filepath.Clean(dir)
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	if err := Clean(dir); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("publish: cannot create a temporary folder beside %s: %w (the previous site is unchanged)", dir, err)
	}
	return &Stage{dir: dir, tmp: tmp}, nil
}

// local checks that p stays inside the site and returns its path in the stage.
func (s *Stage) local(p string) (string, error) {
	// A path from content must never escape the output folder.
	if !filepath.IsLocal(filepath.FromSlash(p)) {
		return "", fmt.Errorf("publish: refusing to write %q outside the site folder", p)
	}
	full := filepath.Join(s.tmp, filepath.FromSlash(p))
	if d := filepath.Dir(full); d != s.tmp {
		if _, ok := s.made.Load(d); !ok {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return "", fmt.Errorf("publish: %w", err)
			}
			s.made.Store(d, true)
		}
	}
	return full, nil
}

// WriteFile writes one file of the new site and returns what it is on disk.
func (s *Stage) WriteFile(p string, data []byte) (fs.FileInfo, error) {
	full, err := s.local(p)
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	_, err = f.Write(data)
	var info fs.FileInfo
	if err == nil {
		info, err = f.Stat()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	return info, nil
}

// Reuse puts the current site's file p into the new site by a hard link, so
// unchanged files cost no write. It fails when p is not a regular file of
// the current site or links are not possible; the caller then writes it.
func (s *Stage) Reuse(p string) error {
	full, err := s.local(p)
	if err != nil {
		return err
	}
	old := filepath.Join(s.dir, filepath.FromSlash(p))
	if info, err := os.Lstat(old); err != nil || !info.Mode().IsRegular() {
		return fmt.Errorf("publish: %s is not a file of the current site", p)
	}
	return os.Link(old, full)
}

// Commit replaces the site folder with the new site in one step.
func (s *Stage) Commit() error {
	tmp, dir := s.tmp, s.dir
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("publish: %w", err)
	}
	if err := swap(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("publish: cannot replace %s: %w (the previous site is unchanged)", dir, err)
	}
	// tmp now holds the previous site, or nothing if there was none.
	if err := os.RemoveAll(tmp); err != nil {
		return fmt.Errorf("publish: new site is in place but the old one could not be removed from %s: %w", tmp, err)
	}
	return nil
}

// Abort removes the new site; the current one stays as it was.
func (s *Stage) Abort() { os.RemoveAll(s.tmp) }

// Clean removes temporary folders left beside dir by builds that were interrupted.
func Clean(dir string) error {
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	for _, e := range entries {
		if e.IsDir() && (strings.HasPrefix(e.Name(), "."+base+".tmp-") || strings.HasPrefix(e.Name(), "."+base+".old-")) {
			if err := os.RemoveAll(filepath.Join(parent, e.Name())); err != nil {
				return fmt.Errorf("publish: cannot remove leftover %s: %w", e.Name(), err)
			}
		}
	}
	return nil
}

// swapByRename is the portable swap: move the old site aside, move the new
// one in, and move the old one to tmp for removal. Between the two renames
// dir is briefly absent.
func swapByRename(tmp, dir string) error {
	if _, err := os.Lstat(dir); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(tmp, dir); err != nil {
			return err
		}
		return os.Mkdir(tmp, 0o755)
	}
	old := filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".old-"+filepath.Base(tmp))
	if err := os.Rename(dir, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		_ = os.Rename(old, dir)
		return err
	}
	return os.Rename(old, tmp)
}
