package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// This file is the previous way of publishing, which cmd/dossier still
// calls: every build writes a fresh folder beside the site, hardlinking the
// unchanged files, and swaps it in. It recreates every folder and link on
// every build; Open replaces it. It depends on nothing else in the package
// but exchange and removeOldLeftovers, so that once the build calls Open it
// can move to a _test.go file for the benchmark that compares the two.

// Stage is a new site being written beside its folder. Files are added with
// WriteFile, or with Reuse, which hardlinks a file of the current site whose
// bytes are known to be right; Commit swaps the whole folder in at once and
// Abort throws it away. WriteFile and Reuse may be called concurrently.
type Stage struct {
	dir, tmp string
	made     sync.Map // folders already created inside tmp
}

// Begin starts a new site for dir in a fresh folder, removing leftovers of
// interrupted builds. New code calls Open, which patches a spare copy instead.
func Begin(dir string) (*Stage, error) {
	dir = filepath.Clean(dir)
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	if err := removeOldLeftovers(parent, base); err != nil {
		return nil, fmt.Errorf("publish: cannot remove a leftover of an interrupted build: %w", err)
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
	if err := stageSwap(tmp, dir); err != nil {
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

// stageSwap exchanges tmp and dir, by two renames where exchanging is not
// possible: move the old site aside, move the new one in, and move the old
// one to tmp for removal. Between the two renames dir is briefly absent.
func stageSwap(tmp, dir string) error {
	if _, err := os.Lstat(dir); !errors.Is(err, os.ErrNotExist) {
		if err := exchange(tmp, dir); !errors.Is(err, errNoExchange) {
			return err
		}
	} else {
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
