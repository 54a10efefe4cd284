package build

import (
	"os"
	"runtime"
	"runtime/debug"
	"sync"
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
// GOMEMLIMIT set, only the second applies.
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
	oldLimit := debug.SetMemoryLimit(floor)
	gcTuning.floor = floor
	// A cleanup runs after the collection that finds its object unreachable.
	handOver := runtime.AddCleanup(&gcSentinel{}, func(struct{}) {
		gcTuning.Lock()
		defer gcTuning.Unlock()
		gcTuning.floor = 0
		debug.SetGCPercent(gcPercent)
		debug.SetMemoryLimit(oldLimit)
	}, struct{}{})
	return func() {
		handOver.Stop()
		gcTuning.Lock()
		defer gcTuning.Unlock()
		gcTuning.floor = 0
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	}
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
	floor int64
}

// raiseGCFloor raises the floor TuneGC set, while no collection has run,
// to what a rebuild of a corpus of the given number of seeds needs, so that
// it collects nothing either (gcFloorFor).
func raiseGCFloor(seeds int) {
	gcTuning.Lock()
	defer gcTuning.Unlock()
	if f := gcFloorFor(seeds); gcTuning.floor != 0 && f > gcTuning.floor {
		gcTuning.floor = f
		debug.SetMemoryLimit(f)
	}
}

// gcFloorFor is the floor for a corpus of the given number of seeds: gcFloor
// or, for a large corpus, its rebuild's heap with room.
func gcFloorFor(seeds int) int64 { return max(gcFloor, gcBase+int64(seeds)*gcPerSeed) }

// gcSentinel holds a pointer, so it is not a tiny allocation, which may
// share its memory with others and never be found unreachable.
type gcSentinel struct{ _ *byte }
