// Package publish writes a rendered site to disk atomically.
//
// The files are written into a fresh temporary folder beside the target
// (".public.tmp-*"), which then replaces the target in one step: on Linux by
// exchanging the two folders with renameat2(RENAME_EXCHANGE), elsewhere by two
// renames. A build that fails or is killed before the swap leaves the previous
// site untouched; leftovers of such a build are removed by the next one.
package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Write replaces the folder dir with exactly the given files (path → bytes,
// slash-separated, relative to dir).
func Write(dir string, files map[string][]byte) error {
	dir = filepath.Clean(dir)
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if err := Clean(dir); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		return fmt.Errorf("publish: cannot create a temporary folder beside %s: %w (the previous site is unchanged)", dir, err)
	}
	if err := writeAll(tmp, files); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("%w (the previous site is unchanged)", err)
	}
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

func writeAll(root string, files map[string][]byte) error {
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	made := map[string]bool{}
	for _, p := range paths {
		// A path from content must never escape the output folder.
		if !filepath.IsLocal(filepath.FromSlash(p)) {
			return fmt.Errorf("publish: refusing to write %q outside the site folder", p)
		}
		full := filepath.Join(root, filepath.FromSlash(p))
		if d := filepath.Dir(full); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return fmt.Errorf("publish: %w", err)
			}
			made[d] = true
		}
		if err := os.WriteFile(full, files[p], 0o644); err != nil {
			return fmt.Errorf("publish: %w", err)
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
