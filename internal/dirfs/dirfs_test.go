package dirfs

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadFileIsDirFSs: every file reads as through os.DirFS, and every
// failure is os.DirFS's own.
func TestReadFileIsDirFSs(t *testing.T) {
	root := t.TempDir()
	files := map[string][]byte{
		"empty.txt":         nil,
		"seeds/001_a.txt":   []byte("A headline\nA line.\n"),
		"seeds/large.txt":   bytes.Repeat([]byte("a line of a seed\n"), 40_000),
		"content/é ü.md":    []byte("---\ntitle: x\n---\n"),
		"deep/er/still.txt": []byte{0, 1, 2, 0xff},
	}
	for p, b := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		require.NoError(t, os.MkdirAll(filepath.Dir(full), 0o755))
		require.NoError(t, os.WriteFile(full, b, 0o644))
	}
	require.NoError(t, os.Symlink("001_a.txt", filepath.Join(root, "seeds", "link.txt")))
	require.NoError(t, os.Symlink("nowhere", filepath.Join(root, "seeds", "dangling.txt")))

	d, std := New(root), os.DirFS(root)
	names := []string{"empty.txt", "seeds/001_a.txt", "seeds/large.txt", "content/é ü.md", "deep/er/still.txt",
		"seeds/link.txt", "seeds/dangling.txt", "seeds", ".", "", "missing.txt", "seeds/001_a.txt/x",
		"../escape.txt", "/abs.txt", "seeds//001_a.txt", "./empty.txt", "seeds/../empty.txt"}
	for _, name := range names {
		got, err := d.ReadFile(name)
		want, wantErr := fs.ReadFile(std, name)
		if wantErr != nil {
			assert.EqualError(t, err, wantErr.Error(), name)
			assert.Nil(t, got, name)
			continue
		}
		require.NoError(t, err, name)
		assert.True(t, bytes.Equal(want, got), "%s: the same bytes", name)
		assert.Equal(t, len(want)+1, cap(got), "%s: one buffer, one byte over", name)
	}
	require.NoError(t, os.Remove(filepath.Join(root, "seeds", "dangling.txt"))) // fstest wants every entry readable
	assert.NoError(t, fstest.TestFS(d, "empty.txt", "seeds/001_a.txt", "deep/er/still.txt"))
}

// TestReadFileLeavesWhatIsNotRegular: a file that is not regular, such as
// one whose size the file system does not give, is read by os.DirFS.
func TestReadFileLeavesWhatIsNotRegular(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc here")
	}
	b, ok := readRegular("/proc/self/status")
	if ok {
		// procfs files are regular with size 0: read whole all the same.
		assert.True(t, strings.HasPrefix(string(b), "Name:"), "read to the end, whatever the size said")
	}
	_, ok = readRegular("/dev/null")
	assert.False(t, ok, "a device is left to os.DirFS")
	_, ok = readRegular(t.TempDir())
	assert.False(t, ok, "a folder is left to os.DirFS")
}

// TestReadFileByPathIsOsReadFiles: ReadFile reads a file at a path as
// os.ReadFile does, and fails as it does.
func TestReadFileByPathIsOsReadFiles(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "sealed.bin")
	require.NoError(t, os.WriteFile(file, bytes.Repeat([]byte{0, 'x', 0xff}, 10_000), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "empty"), nil, 0o644))
	for _, p := range []string{file, filepath.Join(dir, "empty"), filepath.Join(dir, "missing"), dir, file + "/x"} {
		got, err := ReadFile(p)
		want, wantErr := os.ReadFile(p)
		if wantErr != nil {
			assert.EqualError(t, err, wantErr.Error(), p)
			continue
		}
		require.NoError(t, err, p)
		assert.True(t, bytes.Equal(want, got), "%s: the same bytes", p)
	}
	_, err := ReadFile(filepath.Join(dir, "missing"))
	assert.ErrorIs(t, err, fs.ErrNotExist, "a missing file is fs.ErrNotExist, which the cache takes for none")
}
