//go:build !linux

package renameio

import "os"

// Replace renames the file tmp to p, replacing the file p in one step.
func Replace(tmp, p string) error { return os.Rename(tmp, p) }
