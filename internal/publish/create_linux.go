package publish

import (
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// createExcl creates the file name, which must not exist, for writing.
// os.OpenFile would offer the new file to the runtime's poller, which takes
// four fcntl calls and an epoll_ctl that fails for a regular file; a site
// has thousands of files to create, and os.NewFile leaves a blocking
// descriptor out of the poller.
func createExcl(name string) (*os.File, error) {
	var fd int
	err := ignoringEINTR(func() (err error) {
		fd, err = unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o644)
		return err
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return os.NewFile(uintptr(fd), name), nil
}
