//go:build unix

package dirfs

import "syscall"

// readRegular reads the regular file at path with open, fstat, read and
// close; ok is false when it is not a regular file or a call fails.
func readRegular(path string) (b []byte, ok bool) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, false
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if syscall.Fstat(fd, &st) != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG || st.Size < 0 || int64(int(st.Size)) != st.Size {
		return nil, false
	}
	// One byte more than the size, so that the read that finds the end
	// needs no new buffer.
	b = make([]byte, 0, int(st.Size)+1)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // the file grew
		}
		n, err := syscall.Read(fd, b[len(b):cap(b)])
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil || n < 0:
			return nil, false
		case n == 0:
			return b, true
		}
		b = b[:len(b)+n]
	}
}
