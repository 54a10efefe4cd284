package render

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/dossier-project/dossier/internal/date"
)

// TestNewestIsAllSortedAndCut holds newest to giving every entry its ID,
// sorting them all and keeping the first feedSize: on lists shorter and
// longer than the feed, with many entries on the date where it is cut.
func TestNewestIsAllSortedAndCut(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	id := func(p string) string { return fmt.Sprintf("%x", []byte(p))[:6] + p } // not in the order of the paths
	for _, n := range []int{0, 1, feedSize - 1, feedSize, feedSize + 1, 3 * feedSize, 30 * feedSize} {
		for _, days := range []int{1, 3, 40, 400} {
			var entries []atomEntry
			for i := range n {
				// Some dates are a year or a month only.
				d := date.Date{Year: 2025, Month: 1 + rng.IntN(12), Day: rng.IntN(min(days, 28) + 1)}
				if days == 1 {
					d = date.Date{Year: 2025, Month: 10, Day: 1}
				}
				entries = append(entries, atomEntry{path: fmt.Sprintf("p/%d/%d", rng.IntN(1000), i), when: d})
			}
			want := append([]atomEntry(nil), entries...)
			for i := range want {
				want[i].ID = id(want[i].path)
			}
			sort.SliceStable(want, func(i, j int) bool { return newer(&want[i], &want[j]) })
			want = want[:min(len(want), feedSize)]
			got := newest(entries, id)
			assert.Equal(t, len(want), len(got), "%d entries over %d days", n, days)
			for i := range min(len(want), len(got)) {
				if !assert.Equal(t, want[i].ID, got[i].ID, "%d entries over %d days: entry %d", n, days, i) {
					break
				}
			}
		}
	}
}
