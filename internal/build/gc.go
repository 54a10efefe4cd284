package build

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"unsafe"
)

// TuneGC sets the process's garbage collector for building, unless the
// GOGC environment variable says otherwise, and returns a function that
// puts the previous settings back.
//
// A rebuild's heap stays small (uncollected, about 60 MB plus 50 KB a
// seed: 140 MB at 1,500 seeds, 330 MB at 5,000) and lives a fraction of a
// second, so nothing is collected until the heap reaches a floor: gcFloor,
// raised for a larger corpus once the build knows how many seeds it has
// (raiseGCFloor). The first collection, which the floor starts, hands over
// to a collector that runs a quarter as often as by default (GOGC=400): a
// large build's heap is mostly page data that dies young. Against the
// default, collecting half as often saved about a fifth of a full build's
// CPU time for about a third more memory; a quarter as often saves another
// 5% at 5,000 seeds for 16% more (980 MB, Hugo 1,720), and nothing at
// 1,500, where the heap hardly passes the floor (see .ci/bench.sh). With
// GOMEMLIMIT set, only the second applies. A build readies the heap below
// the floor (reserveHeap) once it knows about how many seeds it will have,
// from the record of the last build, before it reads anything large.
func TuneGC() (restore func()) { return tuneGC(gcFloor) }

// tuneGC is TuneGC with the floor given.
func tuneGC(floor int64) (restore func()) {
	switch {
	case os.Getenv("GOGC") != "":
		return func() {}
	case os.Getenv("GOMEMLIMIT") != "":
		old := debug.SetGCPercent(gcPercent)
		return func() { debug.SetGCPercent(old) }
	}
	gcTuning.Lock()
	defer gcTuning.Unlock()
	oldPercent := debug.SetGCPercent(-1)
	gcTuning.oldLimit = debug.SetMemoryLimit(floor)
	gcTuning.floor = floor
	gcTuning.handOver = armHandOver()
	return func() {
		gcTuning.Lock()
		defer gcTuning.Unlock()
		gcTuning.handOver.Stop()
		gcTuning.floor, gcTuning.reserved = 0, false
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(gcTuning.oldLimit)
	}
}

// armHandOver makes the next collection hand over from the floor to
// GOGC=gcPercent. gcTuning must be locked.
func armHandOver() runtime.Cleanup {
	// A cleanup runs after the collection that finds its object unreachable.
	return runtime.AddCleanup(&gcSentinel{}, func(struct{}) {
		gcTuning.Lock()
		defer gcTuning.Unlock()
		gcTuning.floor = 0
		debug.SetGCPercent(gcPercent)
		debug.SetMemoryLimit(gcTuning.oldLimit)
	}, struct{}{})
}

const (
	gcFloor   = 256 << 20 // the heap below which a build collects nothing
	gcPerSeed = 64 << 10  // a rebuild's heap per seed, with room (see TuneGC)
	gcBase    = 64 << 20  // and without seeds
	gcPercent = 400       // GOGC above it
)

// gcTuning is the floor TuneGC set, while no collection has run; 0 once
// one has, or when TuneGC set none.
var gcTuning struct {
	sync.Mutex
	floor    int64
	oldLimit int64           // the memory limit before TuneGC
	handOver runtime.Cleanup // of the first collection
	reserved bool            // reserveHeap has run since TuneGC
}

// raiseGCFloor raises the floor TuneGC set, while no collection has run,
// to what a rebuild of a corpus of the given number of seeds needs, so that
// it collects nothing either (gcFloorFor).
func raiseGCFloor(seeds int) {
	gcTuning.Lock()
	defer gcTuning.Unlock()
	raiseFloorLocked(seeds)
}

// raiseFloorLocked is raiseGCFloor with gcTuning locked.
func raiseFloorLocked(seeds int) {
	if f := gcFloorFor(seeds); gcTuning.floor != 0 && f > gcTuning.floor {
		gcTuning.floor = f
		debug.SetMemoryLimit(f)
	}
}

// reserveHeap prepares the heap for a build of a corpus of about the given
// number of seeds (0 if unknown), once after TuneGC and while no collection
// has run. A build that collects nothing takes every allocation from memory
// the process has not touched yet, and the kernel gives it page by page,
// each first touch a fault: a sixth of a rebuild's CPU time in 4 KB pages.
// reserveHeap maps most of the memory the build will take in one
// allocation, asks the kernel to back it with huge pages where it can
// (adviseHugePages), and frees it again with a collection, which does not
// hand over from the floor; the build's allocations then reuse it. With 2
// MB pages, a rebuild of an edited page at 1,500 seeds faults 3,000–4,000
// times instead of 31,000 and takes a fifth less time. The reservation
// stays below the floor, so the collections start when they did. It returns
// the memory advised: none where the kernel would not take the advice, or
// where mapping it might fail (reservable).
func reserveHeap(seeds int) (advised memRange) {
	gcTuning.Lock()
	defer gcTuning.Unlock()
	if gcTuning.floor == 0 || gcTuning.reserved {
		return advised
	}
	gcTuning.reserved = true
	raiseFloorLocked(seeds)
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	mapped := int64(s[0].Value.Uint64() - s[1].Value.Uint64())
	n := min(gcFloorFor(seeds), gcTuning.floor*7/8-mapped, maxReserve)
	if n < minReserve {
		return advised
	}
	if n = min(n, reservable()); n < minReserve {
		return advised
	}
	if b := adviseHugePages(make([]byte, n)); len(b) > 0 {
		from := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
		advised = memRange{from, from + uintptr(len(b))}
	}
	gcTuning.handOver.Stop()
	runtime.GC()
	gcTuning.handOver = armHandOver()
	return advised
}

// hugePage is the size of a huge page on the architectures Go runs Linux on
// with transparent huge pages of 2 MB (amd64, arm64 with 4 KB pages, …);
// where the kernel's differs, the advice covers fewer or no pages.
const hugePage = 2 << 20

// memRange is a range of addresses, [from, to).
type memRange struct{ from, to uintptr }

// A reservation is worth a collection from minReserve, and larger than
// maxReserve only for a rebuild of more than 15,000 seeds.
const (
	minReserve = 32 << 20
	maxReserve = 1 << 30
)

// gcFloorFor is the floor for a corpus of the given number of seeds: gcFloor
// or, for a large corpus, its rebuild's heap with room.
func gcFloorFor(seeds int) int64 { return max(gcFloor, gcBase+int64(seeds)*gcPerSeed) }

// gcSentinel holds a pointer, so it is not a tiny allocation, which may
// share its memory with others and never be found unreachable.
type gcSentinel struct{ _ *byte }
