package build

import (
	"math"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gcSettings reads GOGC and the memory limit as the runtime has them.
func gcSettings() (percent, limit int64) {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}, {Name: "/gc/gomemlimit:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64()), int64(s[1].Value.Uint64())
}

func TestTuneGCCollectsNothingBelowTheFloor(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before, beforeLimit := gcSettings()
	// A floor far above this process's heap, which earlier tests may have
	// grown past gcFloor: only the collections the test starts happen.
	const floor = 1 << 40
	restore := tuneGC(floor)
	percent, limit := gcSettings()
	assert.Equal(t, int64(-1), percent, "no collection by growth (GOGC=off)")
	assert.Equal(t, int64(floor), limit, "until the heap reaches the floor")
	require.Eventually(t, func() bool {
		runtime.GC() // as the floor would start it
		percent, limit = gcSettings()
		return percent == gcPercent
	}, 10*time.Second, 10*time.Millisecond, "the first collection hands over to GOGC=%d", gcPercent)
	assert.Equal(t, int64(math.MaxInt64), limit, "with no limit")
	restore()
	percent, limit = gcSettings()
	assert.Equal(t, before, percent, "restore puts GOGC back")
	assert.Equal(t, beforeLimit, limit, "and the limit")
}

func TestTuneGCLeavesGOGCAlone(t *testing.T) {
	t.Setenv("GOGC", "100")
	before, beforeLimit := gcSettings()
	defer TuneGC()()
	percent, limit := gcSettings()
	assert.Equal(t, before, percent)
	assert.Equal(t, beforeLimit, limit)
}

func TestTuneGCKeepsGOMEMLIMIT(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "1GiB")
	_, beforeLimit := gcSettings()
	defer TuneGC()()
	percent, limit := gcSettings()
	assert.Equal(t, int64(gcPercent), percent)
	assert.Equal(t, beforeLimit, limit, "the limit is the environment's")
}

func TestRaiseGCFloorForALargeCorpus(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	assert.Equal(t, int64(gcFloor), gcFloorFor(0))
	assert.Equal(t, int64(gcFloor), gcFloorFor(1500), "a corpus of 1,500 seeds keeps gcFloor")
	assert.Greater(t, gcFloorFor(5000), int64(330<<20), "above a rebuild's heap at 5,000 seeds")
	assert.Greater(t, gcFloorFor(10000), gcFloorFor(5000))

	// The tests' heap may be large: floors far above it, and a corpus
	// whose floor is higher still.
	const floor = 1 << 40
	huge := int((2*floor - gcBase) / gcPerSeed)
	restore := tuneGC(floor)
	raiseGCFloor(1500)
	_, limit := gcSettings()
	assert.Equal(t, int64(floor), limit, "a floor is never lowered")
	raiseGCFloor(huge)
	_, limit = gcSettings()
	assert.Equal(t, gcFloorFor(huge), limit, "before the first collection, a larger corpus raises the floor")
	require.Eventually(t, func() bool {
		runtime.GC()
		percent, _ := gcSettings()
		return percent == gcPercent
	}, 10*time.Second, 10*time.Millisecond, "the first collection hands over to GOGC=%d", gcPercent)
	raiseGCFloor(2 * huge)
	_, limit = gcSettings()
	assert.Equal(t, int64(math.MaxInt64), limit, "after it, no floor is set again")
	restore()
	raiseGCFloor(2 * huge)
	_, limit = gcSettings()
	assert.Equal(t, int64(math.MaxInt64), limit, "nor once the settings are put back")
}

// mappedMemory is the memory the runtime holds from the system.
func mappedMemory() int64 {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64() - s[1].Value.Uint64())
}

func TestReserveHeapKeepsTheFloor(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	// A floor well above the tests' heap, so that there is room for a reservation.
	floor := mappedMemory() + 1<<30
	restore := tuneGC(floor)
	defer func() { restore() }()
	advised := reserveHeap(0)
	if reservable() >= minReserve {
		assert.GreaterOrEqual(t, advised.to-advised.from, uintptr(minReserve), "a reservation")
		assert.Equal(t, advised.to-advised.from, hugePageAdvised(t, advised), "advised")
	}
	percent, limit := gcSettings()
	assert.Equal(t, int64(-1), percent, "the reservation's collection does not hand over from the floor")
	assert.Equal(t, floor, limit)
	require.Eventually(t, func() bool {
		runtime.GC()
		percent, _ = gcSettings()
		return percent == gcPercent
	}, 10*time.Second, 10*time.Millisecond, "the first collection after it does")

	restore()
	restore = tuneGC(floor)
	reserveHeap(0)
	percent, _ = gcSettings()
	assert.Equal(t, int64(-1), percent, "TuneGC again allows another reservation, which keeps the floor too")
}

func TestReserveHeapIsBounded(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	defer tuneGC(mappedMemory() + 1<<30)()
	// A corpus whose rebuild would want far more than is ever reserved.
	advised := reserveHeap(1_000_000)
	assert.LessOrEqual(t, int64(advised.to-advised.from), min(int64(maxReserve), reservable()))
	if reservable() >= maxReserve {
		assert.Greater(t, int64(advised.to-advised.from), int64(maxReserve-2*hugePage), "as much as may be")
	}
	percent, _ := gcSettings()
	assert.Equal(t, int64(-1), percent)
}
