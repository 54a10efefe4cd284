// Package renameio writes files without harming what is there. WriteFile
// replaces a file atomically: the data is written to a hidden temporary file
// beside the target, which then replaces it (Replace), so a reader sees the
// old file or the new one, never half of either. CreateNew writes a file only
// if none of that name exists.
package renameio

import (
	"os"
	"path/filepath"
	"strings"
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
	f, err := os.CreateTemp(filepath.Dir(p), tempPattern(p))
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

// tempInfix is in the name of every temporary file, after the target's:
// ".NAME.tmp-RANDOM".
const tempInfix = ".tmp-"

// tempPattern is the pattern of os.CreateTemp for a temporary file of p.
func tempPattern(p string) string { return "." + filepath.Base(p) + tempInfix + "*" }

// IsTemporary reports whether a file named name (a base name) is one that
// WriteFile or WriteParts makes as a temporary file. A program killed while
// writing leaves one behind; the owner of the folder may remove those no
// write can still be using.
func IsTemporary(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name[1:], tempInfix)
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
