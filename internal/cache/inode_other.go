//go:build !unix

package cache

import "io/fs"

// Inode finds nothing where files have no inode numbers: no file can then be
// recognised between builds, so publish writes every file and Version hashes
// the program every time (correct, only slower).
func Inode(fs.FileInfo) (dev, ino uint64, ok bool) { return 0, 0, false }
