package publish

import (
	"path/filepath"
	"syscall"

	"golang.org/x/sys/unix"
)

// lstat is lstatInfo without making an fs.FileInfo: a rebuild looks up
// every file and folder of the tree it patches, 36,000 at 5,000 seeds.
func lstat(full string) (identity, fileKind, bool) { return lstatAt(unix.AT_FDCWD, full) }

// A tree is a folder whose files are looked up by their paths inside it:
// through a descriptor of the folder when one could be opened, which spares
// the kernel walking the folder's own path for each of them (a fifth of an
// lstat's time, for a site a few folders deep), else by their full paths.
type tree struct {
	dir string
	fd  int // -1: none
}

// openTree opens the folder dir for lookups; the files of a folder that
// cannot be opened (there is none yet) are looked up by full paths.
func openTree(dir string) *tree {
	fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		fd = -1
	}
	return &tree{dir, fd}
}

// lstat is lstat of the tree's file at rel, a clean slash-separated
// relative path ("" for the folder itself).
func (t *tree) lstat(rel string) (identity, fileKind, bool) {
	if t.fd < 0 {
		return lstat(filepath.Join(t.dir, rel))
	}
	if rel == "" {
		rel = "."
	}
	return lstatAt(t.fd, rel)
}

// close releases the tree's descriptor; a nil tree has none.
func (t *tree) close() {
	if t != nil && t.fd >= 0 {
		unix.Close(t.fd)
		t.fd = -1
	}
}

// lstatAt is lstat of name, relative to the folder open as dirfd
// (unix.AT_FDCWD: the working folder, or none for an absolute name).
func lstatAt(dirfd int, name string) (identity, fileKind, bool) {
	var st unix.Stat_t
	if err := ignoringEINTR(func() error { return unix.Fstatat(dirfd, name, &st, unix.AT_SYMLINK_NOFOLLOW) }); err != nil {
		return identity{}, otherFile, false
	}
	kind := otherFile
	switch st.Mode & unix.S_IFMT {
	case unix.S_IFREG:
		kind = regularFile
	case unix.S_IFDIR:
		kind = folderFile
	}
	return identity{dev: uint64(st.Dev), ino: uint64(st.Ino), size: int64(st.Size), mtime: int64(st.Mtim.Sec)*1e9 + int64(st.Mtim.Nsec)}, kind, true
}

// ignoringEINTR calls fn again while it fails with EINTR, as package os does.
func ignoringEINTR(fn func() error) error {
	for {
		if err := fn(); err != syscall.EINTR {
			return err
		}
	}
}
