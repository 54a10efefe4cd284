package build

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// hugePageAdvised is how much of r this process's mappings advise to take
// huge pages (flag hg in /proc/self/smaps).
func hugePageAdvised(t *testing.T, r memRange) uintptr {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	require.NoError(t, err)
	defer f.Close()
	var total uintptr
	var vma memRange
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		// A mapping's first line begins with its range, "from-to" in hex.
		if head, _, _ := strings.Cut(line, " "); strings.Contains(head, "-") {
			from, to, _ := strings.Cut(head, "-")
			lo, err1 := strconv.ParseUint(from, 16, 64)
			hi, err2 := strconv.ParseUint(to, 16, 64)
			if err1 == nil && err2 == nil {
				vma = memRange{uintptr(lo), uintptr(hi)}
				continue
			}
		}
		if flags, ok := strings.CutPrefix(line, "VmFlags:"); ok && strings.Contains(flags+" ", " hg ") {
			if from, to := max(vma.from, r.from), min(vma.to, r.to); from < to {
				total += to - from
			}
		}
	}
	require.NoError(t, sc.Err())
	return total
}

func TestAdviseHugePagesTakesWholeHugePages(t *testing.T) {
	if _, err := os.Stat("/sys/kernel/mm/transparent_hugepage"); err != nil {
		t.Skip("this kernel has no transparent huge pages")
	}
	b := make([]byte, 9*hugePage+12345)
	got := adviseHugePages(b[4096:])
	require.NotNil(t, got)
	start := uintptr(unsafe.Pointer(unsafe.SliceData(got)))
	assert.Zero(t, start%hugePage, "starts on a huge page")
	assert.Zero(t, len(got)%hugePage, "and ends on one")
	assert.GreaterOrEqual(t, len(got), 7*hugePage, "every whole huge page of b")
	assert.Equal(t, &b[int(start-uintptr(unsafe.Pointer(&b[0])))], &got[0], "inside b")
	assert.LessOrEqual(t, int(start-uintptr(unsafe.Pointer(&b[0])))+len(got), len(b))
	assert.Equal(t, uintptr(len(got)), hugePageAdvised(t, memRange{start, start + uintptr(len(got))}), "advised")
	// A huge page's length, starting a byte after a huge page begins.
	at := int(start-uintptr(unsafe.Pointer(&b[0]))) + 1
	assert.Nil(t, adviseHugePages(b[at:at+hugePage]), "a buffer holding no whole huge page is not advised")
}

func TestNoReservationUnderAnAddressSpaceLimit(t *testing.T) {
	var as unix.Rlimit
	require.NoError(t, unix.Getrlimit(unix.RLIMIT_AS, &as))
	if as.Cur == unix.RLIM_INFINITY {
		// A limit far above anything this process maps, put back after.
		limited := as
		limited.Cur = 1 << 50
		require.NoError(t, unix.Setrlimit(unix.RLIMIT_AS, &limited))
		defer func() { require.NoError(t, unix.Setrlimit(unix.RLIMIT_AS, &as)) }()
	}
	assert.Zero(t, reservable())
}
