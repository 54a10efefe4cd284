package build

import (
	"os"
	"runtime"
	"runtime/debug"
)

// TuneGC sets the process's garbage collector for building, unless the
// GOGC environment variable says otherwise, and returns a function that
// puts the previous settings back.
//
// A rebuild's heap stays small (about 180 MB at 1,500 seeds, uncollected)
// and lives a fraction of a second, so nothing is collected until the heap
// reaches gcFloor. The first collection, which the floor starts, hands over
// to a collector that runs half as often as by default (GOGC=200): a large
// build's heap is mostly page data that dies young, and collecting it less
// often saves about a fifth of its CPU time for about a third more memory
// (see .ci/bench.sh). With GOMEMLIMIT set, only the second applies.
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
	oldPercent := debug.SetGCPercent(-1)
	oldLimit := debug.SetMemoryLimit(floor)
	// A cleanup runs after the collection that finds its object unreachable.
	handOver := runtime.AddCleanup(&gcSentinel{}, func(struct{}) {
		debug.SetGCPercent(gcPercent)
		debug.SetMemoryLimit(oldLimit)
	}, struct{}{})
	return func() {
		handOver.Stop()
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	}
}

const (
	gcFloor   = 256 << 20 // the heap below which a build collects nothing
	gcPercent = 200       // GOGC above it
)

// gcSentinel holds a pointer, so it is not a tiny allocation, which may
// share its memory with others and never be found unreachable.
type gcSentinel struct{ _ *byte }
