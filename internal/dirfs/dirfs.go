// Package dirfs is os.DirFS with a cheaper ReadFile. A build reads every
// input file of a project, thousands of small seeds; os.ReadFile spends
// more system calls on each than it reads with (it registers the file with
// the network poller, which refuses it, and sets and clears non-blocking
// mode), so ReadFile here opens, sizes, reads and closes a regular file with
// plain system calls, and leaves everything else to os.DirFS.
package dirfs

import (
	"io/fs"
	"os"
)

// FS is the file tree at a folder: os.DirFS(root), with a cheaper ReadFile.
type FS struct {
	fs.FS // os.DirFS(root)
	root  string
}

// New returns the file tree at the folder root, as os.DirFS(root) does.
func New(root string) FS { return FS{os.DirFS(root), root} }

// ReadFile reads the named file. A file the plain system calls cannot read
// whole, or that is not a regular file, is read by os.DirFS, which says
// what is wrong with it in its own words.
func (d FS) ReadFile(name string) ([]byte, error) {
	if d.root != "" && fs.ValidPath(name) && name != "." {
		// The path as os.DirFS makes it (without cleaning, so that
		// symbolic links resolve the same).
		if b, ok := readRegular(d.root + string(os.PathSeparator) + name); ok {
			return b, nil
		}
	}
	return fs.ReadFile(d.FS, name)
}

// ReadFile reads the file at path, as os.ReadFile does, with the plain
// system calls of FS.ReadFile for a regular file: for a program's own
// files read at every build (its caches), not only a project's.
func ReadFile(path string) ([]byte, error) {
	if b, ok := readRegular(path); ok {
		return b, nil
	}
	return os.ReadFile(path)
}

// Identity is what the file system says of a regular file without reading
// it: device, inode, size, and modification and status change times in
// nanoseconds (see FS.Identities, on Linux).
type Identity struct {
	Dev, Ino           uint64
	Size, MTime, CTime int64
}

// Stat is os.DirFS's.
func (d FS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(d.FS, name) }

// ReadDir is os.DirFS's.
func (d FS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(d.FS, name) }

// ReadLink is os.DirFS's.
func (d FS) ReadLink(name string) (string, error) { return fs.ReadLink(d.FS, name) }

// Lstat is os.DirFS's.
func (d FS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(d.FS, name) }
