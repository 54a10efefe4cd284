package renameio

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWriteFileReplacesAndLeavesNothingBehind(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "sources.yaml")
	require.NoError(t, WriteFile(p, []byte("one\n"), 0o644))
	require.NoError(t, WriteFile(p, []byte("two\n"), 0o600))
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	assert.Equal(t, "two\n", string(b))
	info, err := os.Stat(p)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "the new file has the permissions asked for")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file is left")
}

func TestWritePartsWritesThemInOrder(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cache.bin")
	require.NoError(t, WriteFile(p, []byte("old"), 0o644))
	require.NoError(t, WriteParts(p, 0o644, []byte("head\n"), nil, []byte("body")))
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	assert.Equal(t, "head\nbody", string(b))
}

func TestWriteFileFailsWithoutTouchingTheTarget(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "missing-folder", "x")
	assert.Error(t, WriteFile(p, []byte("x"), 0o644), "a missing folder is an error")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries)
}

func TestCreateNewNeverReplaces(t *testing.T) {
	p := filepath.Join(t.TempDir(), "draft.md")
	require.NoError(t, CreateNew(p, []byte("first\n")))
	err := CreateNew(p, []byte("second\n"))
	assert.ErrorIs(t, err, os.ErrExist, "a second write to the same file is refused")
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	assert.Equal(t, "first\n", string(b), "the file keeps what was first written")
}

func TestReplace(t *testing.T) {
	dir := t.TempDir()
	tmp, p := filepath.Join(dir, ".p.tmp"), filepath.Join(dir, "p")
	write := func(name, s string) { require.NoError(t, os.WriteFile(name, []byte(s), 0o644)) }
	read := func(name string) string {
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		return string(b)
	}
	names := func() []string {
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		var ns []string
		for _, e := range entries {
			ns = append(ns, e.Name())
		}
		return ns
	}

	write(tmp, "new")
	require.NoError(t, Replace(tmp, p), "nothing at p: a rename")
	assert.Equal(t, "new", read(p))
	assert.Equal(t, []string{"p"}, names())

	other := filepath.Join(dir, "other")
	require.NoError(t, os.Link(p, other))
	write(tmp, "newer")
	require.NoError(t, Replace(tmp, p), "a file at p is replaced")
	assert.Equal(t, "newer", read(p))
	assert.Equal(t, "new", read(other), "the old file is unlinked from p, not written")
	assert.Equal(t, []string{"other", "p"}, names(), "no temporary file is left")

	folder := filepath.Join(dir, "folder")
	require.NoError(t, os.MkdirAll(filepath.Join(folder, "inside"), 0o755))
	write(tmp, "file")
	assert.Error(t, Replace(tmp, folder), "a folder is not replaced by a file")
	info, err := os.Stat(filepath.Join(folder, "inside"))
	require.NoError(t, err, "the folder keeps what it held")
	assert.True(t, info.IsDir())
	assert.Equal(t, "file", read(tmp), "the file stays where it was")

	require.NoError(t, os.Remove(tmp))
	assert.ErrorIs(t, Replace(tmp, p), os.ErrNotExist, "a missing file is os.Rename's error")
	assert.Equal(t, "newer", read(p))
}

func TestIsTemporary(t *testing.T) {
	dir := t.TempDir()
	for _, target := range []string{"sources.yaml", "07.bin", "site-0123456789abcdef.manifest", ".hidden"} {
		f, err := os.CreateTemp(dir, tempPattern(filepath.Join(dir, target)))
		require.NoError(t, err)
		require.NoError(t, f.Close())
		assert.True(t, IsTemporary(filepath.Base(f.Name())), "%s: the temporary file a write of it makes", f.Name())
		assert.False(t, IsTemporary(target), "%s itself", target)
	}
	for _, name := range []string{"x.tmp-1", ".tmp-1", ".gitignore", "a.tmp-", "sources.yaml"} {
		assert.False(t, IsTemporary(name), name)
	}
}
