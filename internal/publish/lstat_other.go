//go:build !linux

package publish

import (
	"os"
	"path/filepath"
)

func lstat(full string) (identity, fileKind, bool) { return lstatInfo(full) }

// A tree is a folder whose files are looked up by their paths inside it
// (see lstat_linux.go); here by their full paths.
type tree struct{ dir string }

func openTree(dir string) *tree { return &tree{dir} }

func (t *tree) lstat(rel string) (identity, fileKind, bool) {
	return lstat(filepath.Join(t.dir, filepath.FromSlash(rel)))
}

func (t *tree) close() {}

// createExcl creates the file name, which must not exist, for writing.
func createExcl(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}
