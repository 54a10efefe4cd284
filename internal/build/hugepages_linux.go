package build

import (
	"bytes"
	"os"
	"unsafe"

	"golang.org/x/sys/unix"
)

// hugePage is the size of a huge page on the architectures Go runs Linux on
// with transparent huge pages of 2 MB (amd64, arm64 with 4 KB pages, …);
// where the kernel's differs, the advice covers fewer or no pages.
const hugePage = 2 << 20

// adviseHugePages asks the kernel to back b's whole huge pages with huge
// pages (MADV_HUGEPAGE), which it does on a first touch where transparent
// huge pages are enabled for memory so advised (the default is "madvise":
// for nothing else), and returns the advised part of b. Go's runtime gives
// its heap no such advice.
func adviseHugePages(b []byte) []byte {
	off := -uintptr(unsafe.Pointer(unsafe.SliceData(b))) & (hugePage - 1)
	if uintptr(len(b)) < off+hugePage {
		return nil
	}
	b = b[off:][:(uintptr(len(b))-off)&^(hugePage-1)]
	if unix.Madvise(b, unix.MADV_HUGEPAGE) != nil {
		return nil
	}
	return b
}

// hugePagesOnAdvice reports whether the kernel backs memory with huge pages
// where advised and only there (transparent huge pages "madvise", the
// default; with "always" the heap has them unasked, with "never" not at
// all), and whether mapping memory the build may not touch is harmless: not
// when every mapped page counts against a fixed limit (vm.overcommit_memory
// 2).
func hugePagesOnAdvice() bool {
	thp, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || !bytes.Contains(thp, []byte("[madvise]")) {
		return false
	}
	mode, err := os.ReadFile("/proc/sys/vm/overcommit_memory")
	return err == nil && !bytes.Equal(bytes.TrimSpace(mode), []byte("2"))
}
