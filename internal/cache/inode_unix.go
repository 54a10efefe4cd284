//go:build unix

package cache

import (
	"io/fs"
	"syscall"
)

// Inode returns the device and inode numbers of a file.
func Inode(info fs.FileInfo) (dev, ino uint64, ok bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0, false
	}
	return uint64(st.Dev), uint64(st.Ino), true
}
