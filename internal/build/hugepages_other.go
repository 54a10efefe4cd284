//go:build !linux

package build

// adviseHugePages gives no advice: Linux's is the only one the build asks
// for (see hugepages_linux.go).
func adviseHugePages([]byte) []byte { return nil }

// hugePagesOnAdvice reports false: without the advice, a reservation saves
// nothing.
func hugePagesOnAdvice() bool { return false }
