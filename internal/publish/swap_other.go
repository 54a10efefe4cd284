//go:build !linux

package publish

func swap(tmp, dir string) error { return swapByRename(tmp, dir) }
