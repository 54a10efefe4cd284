package cache

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestManifestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	m := New()
	// Entries with a stamp and without, between each other.
	entries := map[string]Entry{
		"a.html":            {Key: [32]byte{1}, Sum: [32]byte{2}},
		"b/index.html":      {Key: [32]byte{3}, Sum: [32]byte{4}, Stamp: [32]byte{5, 31: 6}},
		"c.html":            {Key: [32]byte{7}, Sum: [32]byte{8}},
		"d/long/index.html": {Key: [32]byte{9}, Sum: [32]byte{10}, Stamp: [32]byte{11}},
	}
	for _, p := range []string{"a.html", "b/index.html", "c.html", "d/long/index.html"} {
		m.Set(p, entries[p])
	}
	file := File(dir, filepath.Join(dir, "public"))
	require.NoError(t, m.Save(file))

	got, err := Load(file)
	require.NoError(t, err)
	require.Equal(t, len(entries), got.Len())
	for p, e := range entries {
		g, ok := got.Get(p)
		require.True(t, ok, p)
		assert.Equal(t, e, g, p)
	}
}

func TestDamagedManifestsAreIgnored(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "m")
	m := New()
	m.Set("a.html", Entry{Key: [32]byte{1}})
	m.Set("b.html", Entry{Key: [32]byte{2}})
	require.NoError(t, m.Save(file))
	good, err := os.ReadFile(file)
	require.NoError(t, err)

	tests := map[string][]byte{
		"truncated":    good[:len(good)-10],
		"empty":        {},
		"edited entry": []byte(string(good[:len(good)-2]) + "9\n"),
		"other format": []byte("dossier-seeds-3 abc\n"),
		"binary":       {0, 1, 2, 3, '\n', 4},
	}
	for name, data := range tests {
		require.NoError(t, os.WriteFile(file, data, 0o644))
		got, err := Load(file)
		assert.Error(t, err, "Load of a %s manifest", name)
		assert.Equal(t, 0, got.Len(), "a %s manifest gives an empty cache", name)
	}
	got, err := Load(filepath.Join(dir, "missing"))
	assert.NoError(t, err, "a missing manifest is not an error")
	assert.Equal(t, 0, got.Len())
}

func TestSealedFilesRejectDamage(t *testing.T) {
	file := filepath.Join(t.TempDir(), "cache", "x.bin")
	body := []byte("some\nbytes\x00here")
	require.NoError(t, WriteSealed(file, "test-1", body))
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	got, err := Unseal(data, "test-1")
	require.NoError(t, err)
	assert.Equal(t, body, got)

	assert.True(t, bytes.HasPrefix(data, []byte("test-1 crc32:")), "sealed with CRC-32: %q", data)

	flipped := append([]byte{}, data...)
	flipped[len(flipped)-1] ^= 1
	for name, c := range map[string]struct {
		data   []byte
		format string
		want   string
	}{
		"truncated":                      {data[:len(data)-3], "test-1", "checksum mismatch"},
		"one byte edited":                {flipped, "test-1", "checksum mismatch"},
		"one bit of the checksum edited": {append([]byte("test-1 crc32:"+fmt.Sprintf("%08x", crc32.ChecksumIEEE(body)^1)+"\n"), body...), "test-1", "checksum mismatch"},
		"a SHA-256 seal":                 {append([]byte("test-1 "+strings.Repeat("ab", 32)+"\n"), body...), "test-1", "checksum mismatch"},
		"other format":                   {data, "other-1", "not a other-1 file"},
		"other version":                  {data, "test-2", "another version of the format: test-1, not test-2"},
		"no header":                      {[]byte("garbage"), "test-1", "no header"},
	} {
		_, err := Unseal(c.data, c.format)
		if assert.Error(t, err, name) {
			assert.Contains(t, err.Error(), c.want, name)
		}
	}
}

// A file the versions before sealed with CRC-32C is another version's:
// dropped without a word, not reported as damaged.
func TestFilesSealedWithCRC32CAreAnotherVersions(t *testing.T) {
	body := []byte("some\nbytes\x00here")
	old := append([]byte(fmt.Sprintf("test-1 crc32c:%08x\n", crc32.Checksum(body, crc32.MakeTable(crc32.Castagnoli)))), body...)
	_, err := Unseal(old, "test-1")
	assert.ErrorIs(t, err, ErrOtherVersion)

	file := filepath.Join(t.TempDir(), "x.bin")
	require.NoError(t, os.WriteFile(file, old, 0o644))
	got, ok, err := ReadSealed(file, "test-1")
	assert.NoError(t, err)
	assert.False(t, ok)
	assert.Nil(t, got)

	require.NoError(t, WriteSealed(file, "test-1", body))
	got, ok, err = ReadSealed(file, "test-1")
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, body, got)
}

func TestVersionIsKeptForTheSameExecutable(t *testing.T) {
	want, err := Version("")
	require.NoError(t, err)
	require.Len(t, want, 64)

	dir := t.TempDir()
	got, err := Version(dir)
	require.NoError(t, err)
	assert.Equal(t, want, got)
	if _, err := os.Stat(filepath.Join(dir, "program")); err != nil {
		t.Skip("no inode numbers here: the sum is not kept")
	}
	got, err = Version(dir)
	require.NoError(t, err)
	assert.Equal(t, want, got, "read from the memo")

	// A memo made for another file is not used.
	exe, err := os.Executable()
	require.NoError(t, err)
	other := strings.Repeat("0", 64)
	require.NoError(t, WriteSealed(filepath.Join(dir, "program"), programFormat, []byte(exe+"\n1 2 3 4\n"+other)))
	got, err = Version(dir)
	require.NoError(t, err)
	assert.Equal(t, want, got)

	// A damaged memo is computed again and replaced.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "program"), []byte("garbage"), 0o644))
	got, err = Version(dir)
	require.NoError(t, err)
	assert.Equal(t, want, got)
	data, err := os.ReadFile(filepath.Join(dir, "program"))
	require.NoError(t, err)
	body, err := Unseal(data, programFormat)
	require.NoError(t, err)
	assert.True(t, strings.HasSuffix(string(body), want))
}

// TestManifestFormat pins the saved manifest's entries: each the path's
// length and bytes, then the key and the sum.
func TestManifestFormat(t *testing.T) {
	dir := t.TempDir()
	m := New()
	m.Set("b/index.html", Entry{Key: [32]byte{0xab, 1}, Sum: [32]byte{0xff}})
	m.Set("c", Entry{Key: [32]byte{2}, Sum: [32]byte{3}, Stamp: [32]byte{4}})
	file := filepath.Join(dir, "m")
	require.NoError(t, m.Save(file))
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	body, err := Unseal(data, format)
	require.NoError(t, err)
	zeros := make([]byte, 30)
	// The length of a path is doubled, plus one when a stamp follows the sum.
	assert.Equal(t, slices.Concat([]byte("\x18b/index.html"), []byte{0xab, 1}, zeros, []byte{0xff, 0}, zeros,
		[]byte("\x03c"), []byte{2, 0}, zeros, []byte{3, 0}, zeros, []byte{4, 0}, zeros), body)

	// Sealed bodies that do not hold whole entries are refused: cut in
	// the first entry, or in the second's stamp.
	for _, cut := range []int{1, 6, 13 + 63, len(body) - 1} {
		require.NoError(t, WriteSealed(file, format, body[:cut]))
		got, err := Load(file)
		assert.ErrorContains(t, err, "cut short", "cut at %d", cut)
		assert.Zero(t, got.Len())
	}
}

// A manifest or other sealed file of another version of its format was
// written by another version of the program: it is dropped silently.
func TestOtherVersionsAreDroppedSilently(t *testing.T) {
	file := filepath.Join(t.TempDir(), "m")
	require.NoError(t, WriteSealed(file, "dossier-manifest-1", []byte("a.css\t00\t00\n")))
	got, err := Load(file)
	require.NoError(t, err)
	assert.Zero(t, got.Len())

	data, err := os.ReadFile(file)
	require.NoError(t, err)
	_, err = Unseal(data, "dossier-manifest-9")
	assert.ErrorIs(t, err, ErrOtherVersion)
	_, err = Unseal(data, "dossier-other-1")
	assert.NotErrorIs(t, err, ErrOtherVersion)
	assert.ErrorContains(t, err, "not a dossier-other-1 file")
}

// TestManifestLookup finds the entries of lists of paths, in order and
// not, in manifests written in order and not: each as Get finds it, nil
// for a path the manifest lacks. A manifest that gives a path twice is
// damaged.
func TestManifestLookup(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var all []string
	for i := range 400 {
		all = append(all, fmt.Sprintf("%s/%d/index.html", []string{"actors", "sources", "a", "sources/page"}[i%4], rng.IntN(1000)))
	}
	slices.Sort(all)
	all = slices.Compact(all)
	shuffle := func(ps []string) []string {
		ps = slices.Clone(ps)
		rng.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
		return ps
	}
	for _, sorted := range []bool{true, false} {
		m := New()
		written := all
		if !sorted {
			written = shuffle(all)
		}
		for i, p := range written {
			if i%3 != 0 { // a third of the paths are not in the manifest
				m.Set(p, Entry{Key: sha256.Sum256([]byte(p)), Sum: [32]byte{byte(i)}})
			}
		}
		file := filepath.Join(t.TempDir(), "m")
		require.NoError(t, m.Save(file))
		got, err := Load(file)
		require.NoError(t, err)
		assert.Equal(t, sorted, got.sorted, "written in order: %v", sorted)
		if sorted {
			want := slices.DeleteFunc(slices.Clone(all), func(p string) bool { _, ok := m.Get(p); return !ok })
			assert.Equal(t, want, got.SortedPaths(), "the paths, in order")
		} else {
			assert.Nil(t, got.SortedPaths(), "paths out of order are not given")
		}
		for _, q := range [][]string{all, append(slices.Clone(all), "zzz/index.html"), {"0.html"}, nil, shuffle(all)} {
			found := got.Lookup(q)
			require.Len(t, found, len(q))
			for i, p := range q {
				e, ok := m.Get(p)
				if !ok {
					assert.Nil(t, found[i], p)
				} else if assert.NotNil(t, found[i], p) {
					assert.Equal(t, e, *found[i], p)
				}
			}
		}
	}

	file := filepath.Join(t.TempDir(), "twice")
	_, err := Write(file, func(yield func(string, Entry) bool) {
		_ = yield("b.html", Entry{}) && yield("a.html", Entry{}) && yield("b.html", Entry{Key: [32]byte{1}})
	})
	require.NoError(t, err)
	_, err = Load(file)
	assert.ErrorContains(t, err, "a path is given twice")
}
