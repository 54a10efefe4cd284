package cache

import (
	"io/fs"
	"syscall"
)

// ChangeTime returns a file's status change time in nanoseconds since
// 1970: set by the kernel whenever the file's bytes or metadata change, and
// unlike the modification time never set back by a program (touch -r, cp
// -p, rsync -t); 0 when the file system does not say.
func ChangeTime(info fs.FileInfo) int64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return st.Ctim.Nano()
	}
	return 0
}
