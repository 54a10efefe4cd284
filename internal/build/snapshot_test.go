package build

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"path"
	"slices"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSnapshotKeysArePathsInOrder holds the snapshot's fingerprint and
// identities, which sort its paths once and hash each path with what
// follows it in one write, to hashing the sorted paths piece by piece,
// over snapshots of paths at random: the keys the last build recorded stay
// the keys of the same files.
func TestSnapshotKeysArePathsInOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 50 {
		s := &snapshot{files: map[string][]byte{}, sums: map[string][32]byte{}, ids: map[string]fileID{}}
		for i := range rng.IntN(300) {
			p := fmt.Sprintf("%s/%03d_%x.txt", []string{"seeds", "content/actors", "templates", "static"}[rng.IntN(4)], rng.IntN(1000), i)
			s.sums[p] = sha256.Sum256([]byte(p))
			s.ids[p] = fileID{Dev: rng.Uint64(), Ino: rng.Uint64(), Size: rng.Int64(), MTime: rng.Int64(), CTime: rng.Int64()}
		}
		var paths []string
		for p := range s.sums {
			paths = append(paths, p)
		}
		sort.Strings(paths)
		fp, ids := sha256.New(), sha256.New()
		fp.Write([]byte("v1\x00https://example.org/\x00"))
		for _, p := range paths {
			sum, id := s.sums[p], s.ids[p]
			fp.Write([]byte(path.Clean(p) + "\x00"))
			fp.Write(sum[:])
			ids.Write([]byte(p + "\x00"))
			for _, n := range []uint64{id.Dev, id.Ino, uint64(id.Size), uint64(id.MTime), uint64(id.CTime)} {
				ids.Write(binary.LittleEndian.AppendUint64(nil, n))
			}
		}
		assert.Equal(t, [32]byte(fp.Sum(nil)), s.fingerprint("v1", "https://example.org/"), "fingerprint of %d files", len(paths))
		assert.Equal(t, [32]byte(ids.Sum(nil)), s.identities(), "identities of %d files", len(paths))
		listed := slices.Clone(paths) // as a listing of the input folders may give them
		rng.Shuffle(len(listed), func(i, j int) { listed[i], listed[j] = listed[j], listed[i] })
		assert.Equal(t, s.identities(), identities(listed, func(p string) (fileID, bool) { id, ok := s.ids[p]; return id, ok }),
			"the identities of the paths listed in another order")
	}
}
