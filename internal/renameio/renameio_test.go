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
