package build

import (
	"bytes"
	"os"
	"unsafe"

	"golang.org/x/sys/unix"
)

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

// reservable is how much memory reserveHeap may map: none unless the kernel
// backs memory with huge pages where advised and only there (transparent
// huge pages "madvise", the default; with "always" the heap has them
// unasked, with "never" not at all), none when every mapped page counts
// against a fixed limit (vm.overcommit_memory 2), and a quarter of the
// machine's memory at most, so that the kernel's check of an allocation
// against its memory (overcommit 0) never refuses it: the runtime cannot
// survive a refused one. Nor is anything reserved under a limit on the
// process's address space (ulimit -v), which the reservation would spend.
func reservable() int64 {
	var as unix.Rlimit
	if unix.Getrlimit(unix.RLIMIT_AS, &as) != nil || as.Cur != unix.RLIM_INFINITY {
		return 0
	}
	thp, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || !bytes.Contains(thp, []byte("[madvise]")) {
		return 0
	}
	mode, err := os.ReadFile("/proc/sys/vm/overcommit_memory")
	if err != nil || bytes.Equal(bytes.TrimSpace(mode), []byte("2")) {
		return 0
	}
	var si unix.Sysinfo_t
	if unix.Sysinfo(&si) != nil {
		return 0
	}
	return int64(si.Totalram) * int64(si.Unit) / 4
}
