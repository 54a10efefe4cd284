package build

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/cache"
)

// TestInputPackReadsOnlyWhatChanged rebuilds a project with the cache after
// each change: only the files changed since are read, whatever reads them
// in place (a seed rewritten with the same size and its old modification
// time, a damaged shard of the pack), and every rebuild equals a clean
// build.
func TestInputPackReadsOnlyWhatChanged(t *testing.T) {
	root, _ := generated(t, 12)
	if _, ok := identify(os.DirFS(root), "content/index.md"); !ok {
		t.Skip("no inode numbers here: every input is read")
	}
	out := filepath.Join(t.TempDir(), "public")
	cacheDir := filepath.Join(root, cache.Dir)
	paths, _ := inputFiles(os.DirFS(root))
	inputs := len(paths)
	build := func(what string) (*Result, string, int64) {
		t.Helper()
		project := &countingFS{FS: os.DirFS(root)}
		res, stderr, err := buildWith(Options{Project: project, Out: out, CacheDir: cacheDir}, root)
		require.NoError(t, err, stderr)
		_, _ = rebuildMatchesClean(t, root, out, what) // which reads from disk, not through project
		return res, stderr, project.reads.Load()
	}

	_, _, reads := build("the first build")
	assert.Equal(t, int64(inputs), reads, "the first build reads every input")

	about := filepath.Join(root, "content", "about.md")
	writeText(t, about, read(t, root, "content/about.md")+"\nOne more sentence.\n")
	_, _, reads = build("a page is edited")
	assert.Equal(t, int64(1), reads, "only the edited page is read")

	added := filepath.Join(root, "seeds", "090_0123456789abcdef.txt")
	writeText(t, added, "Talks in Doha\nIn Doha, officials said on Friday that talks would resume within days.\n")
	_, _, reads = build("a seed is added")
	assert.Equal(t, int64(1), reads, "only the new seed is read")

	// The same size, the same modification time: the change time tells.
	seed := firstFile(t, filepath.Join(root, "seeds"))
	info, err := os.Stat(seed)
	require.NoError(t, err)
	b, err := os.ReadFile(seed)
	require.NoError(t, err)
	i := strings.Index(string(b), "said")
	require.Positive(t, i, "the seed reports what someone said")
	copy(b[i:], "SAID")
	f, err := os.OpenFile(seed, os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteAt(b, 0)
	require.NoError(t, err)
	require.NoError(t, f.Close())
	require.NoError(t, os.Chtimes(seed, info.ModTime(), info.ModTime()))
	_, _, reads = build("a seed is rewritten in place with its size and time")
	assert.Equal(t, int64(1), reads, "the rewritten seed is read")

	// A damaged shard is a warning, and its files are read again.
	shards, err := filepath.Glob(filepath.Join(cacheDir, "inputs", "*.bin"))
	require.NoError(t, err)
	require.NotEmpty(t, shards)
	damaged, err := os.ReadFile(shards[0])
	require.NoError(t, err)
	damaged[len(damaged)-1] ^= 0xff
	require.NoError(t, os.WriteFile(shards[0], damaged, 0o644))
	writeText(t, about, read(t, root, "content/about.md")+"\nAnd another.\n")
	_, stderr, reads := build("a shard of the pack is damaged")
	assert.Contains(t, stderr, "warning: cache: "+shards[0]+": unreadable")
	assert.Greater(t, reads, int64(1), "the damaged shard's files are read")
	assert.Less(t, reads, int64(inputs), "the other shards' are not")

	// A removed file leaves the pack.
	require.NoError(t, os.Remove(added))
	_, _, reads = build("a seed is removed")
	assert.Zero(t, reads)
	pack := openInputPack(cacheDir)
	assert.Empty(t, pack.warnings)
	assert.Len(t, pack.entries, inputs, "the pack holds every input and no other file")
	assert.NotContains(t, pack.entries, "seeds/090_0123456789abcdef.txt")
	assert.Contains(t, pack.entries, "content/about.md")
}

// TestPackTrustsOnlySettledFiles: a file's bytes are taken from the pack
// only with the identity they were read with, and when its last write was
// long enough before that identity was taken.
func TestPackTrustsOnlySettledFiles(t *testing.T) {
	listed := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	old := listed.Add(-time.Minute).UnixNano()
	id := fileID{Dev: 1, Ino: 2, Size: 3, MTime: old, CTime: old}
	e := packEntry{id: id, listed: listed.UnixNano()}
	assert.True(t, packTrusts(e, id, time.Second), "an old file with its identity")
	for what, other := range map[string]fileID{
		"another device":            {Dev: 9, Ino: 2, Size: 3, MTime: old, CTime: old},
		"another inode":             {Dev: 1, Ino: 9, Size: 3, MTime: old, CTime: old},
		"another size":              {Dev: 1, Ino: 2, Size: 9, MTime: old, CTime: old},
		"another modification time": {Dev: 1, Ino: 2, Size: 3, MTime: old + 1, CTime: old},
		"another change time":       {Dev: 1, Ino: 2, Size: 3, MTime: old, CTime: old + 1},
	} {
		assert.False(t, packTrusts(e, other, time.Second), what)
	}
	recent := listed.Add(-time.Second / 2).UnixNano()
	for what, fresh := range map[string]fileID{
		"modified within the settling time": {Dev: 1, Ino: 2, Size: 3, MTime: recent, CTime: old},
		"changed within the settling time":  {Dev: 1, Ino: 2, Size: 3, MTime: old, CTime: recent},
		"modified after it was listed":      {Dev: 1, Ino: 2, Size: 3, MTime: listed.Add(time.Hour).UnixNano(), CTime: old},
	} {
		e := packEntry{id: fresh, listed: listed.UnixNano()}
		assert.False(t, packTrusts(e, fresh, time.Second), what)
	}
	e = packEntry{id: fileID{Dev: 1, Ino: 2, Size: 3, MTime: recent, CTime: recent}, listed: listed.UnixNano()}
	assert.True(t, packTrusts(e, e.id, time.Second/4), "with a shorter settling time")
}

// TestPackShardsRoundTrip encodes shards of random entries: they decode to
// the same entries, and every shard cut short or followed by more bytes is
// refused without a panic.
func TestPackShardsRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 50 {
		entries := map[string]packEntry{}
		var paths []string
		for j := range rng.IntN(6) {
			p := filepath.ToSlash(filepath.Join("seeds", strings.Repeat("x", rng.IntN(4)), string(rune('a'+j))+".txt"))
			e := packEntry{id: fileID{Dev: rng.Uint64(), Ino: rng.Uint64(), Size: rng.Int64() - rng.Int64(), MTime: rng.Int64() - rng.Int64(), CTime: rng.Int64()},
				listed: rng.Int64() - rng.Int64(), data: make([]byte, rng.IntN(300))}
			for k := range e.sum {
				e.sum[k] = byte(rng.UintN(256))
			}
			for k := range e.data {
				e.data[k] = byte(rng.UintN(256))
			}
			entries[p] = e
			paths = append(paths, p)
		}
		body := encodePackShard(paths, entries)
		gotPaths, got, err := decodePackShard(body)
		require.NoError(t, err)
		require.Equal(t, len(paths), len(gotPaths))
		for i, p := range gotPaths {
			assert.Equal(t, paths[i], p)
			want := entries[p]
			assert.Equal(t, want.id, got[i].id)
			assert.Equal(t, want.listed, got[i].listed)
			assert.Equal(t, want.sum, got[i].sum)
			assert.Equal(t, string(want.data), string(got[i].data))
		}
		for cut := range len(body) {
			_, _, err := decodePackShard(body[:cut])
			assert.Error(t, err, "cut at %d of %d", cut, len(body))
		}
		_, _, err = decodePackShard(append(body, 0))
		assert.Error(t, err, "a byte too many")
	}
}
