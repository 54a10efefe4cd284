//go:build !linux

package publish

func lstat(full string) (identity, fileKind, bool) { return lstatInfo(full) }
