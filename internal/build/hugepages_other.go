//go:build !linux

package build

// adviseHugePages gives no advice: Linux's is the only one the build asks
// for (see hugepages_linux.go).
func adviseHugePages([]byte) []byte { return nil }

// reservable is 0: without the advice, a reservation saves nothing.
func reservable() int64 { return 0 }
