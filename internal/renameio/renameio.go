// Package renameio writes files without harming what is there. WriteFile
// replaces a file atomically: the data is written to a hidden temporary file
// beside the target, which then replaces it (Replace), so a reader sees the
// old file or the new one, never half of either. CreateNew writes a file only
// if none of that name exists.
package renameio

import (
	"os"
	"path/filepath"
)

// WriteFile replaces (or creates) the file p with data. The temporary file
// is hidden (its name starts with "."), so that a folder scan such as the
// seed loader's never takes it for a file of its own, and it is removed when
// anything fails.
func WriteFile(p string, data []byte, perm os.FileMode) error {
	return WriteParts(p, perm, data)
}

// WriteParts is WriteFile of the parts written one after the other, for a
// caller that would otherwise copy them into one buffer (a cache file's
// header and its body of megabytes).
func WriteParts(p string, perm os.FileMode, parts ...[]byte) error {
	f, err := os.CreateTemp(filepath.Dir(p), "."+filepath.Base(p)+".tmp-*")
	if err != nil {
		return err
	}
	for _, part := range parts {
		if _, err = f.Write(part); err != nil {
			break
		}
	}
	if err == nil {
		err = f.Chmod(perm)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = Replace(f.Name(), p)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// CreateNew writes data to p, which must not exist yet: it returns an error
// wrapping os.ErrExist when it does, so nothing a user wrote is ever
// replaced. A file left half-written by a failed write is removed.
func CreateNew(p string, data []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(p)
	}
	return err
}
