package publish

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// swap exchanges tmp and dir atomically, so a reader always sees a whole site.
func swap(tmp, dir string) error {
	if _, err := os.Lstat(dir); errors.Is(err, os.ErrNotExist) {
		return swapByRename(tmp, dir)
	}
	err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, dir, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EXDEV) {
		// Some file systems do not support the exchange.
		return swapByRename(tmp, dir)
	}
	return err
}
