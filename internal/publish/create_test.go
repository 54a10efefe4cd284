package publish

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCreateExclIsOpenFiles holds createExcl to os.OpenFile with O_CREATE
// and O_EXCL: a new file written whole, and the same errors, by path, for
// a file already there and a folder missing.
func TestCreateExclIsOpenFiles(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "page.html")
	f, err := createExcl(name)
	require.NoError(t, err)
	_, err = f.Write([]byte("<p>a page</p>"))
	require.NoError(t, err)
	require.NoError(t, f.Close())
	b, err := os.ReadFile(name)
	require.NoError(t, err)
	assert.Equal(t, "<p>a page</p>", string(b))
	info, err := os.Stat(name)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644)&^umask(t), info.Mode().Perm(), "the mode os.OpenFile gives")

	for _, p := range []string{name, filepath.Join(dir, "missing", "page.html")} {
		_, err := createExcl(p)
		_, want := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		require.Error(t, want, p)
		assert.EqualError(t, err, want.Error(), p)
	}
	_, err = createExcl(name)
	assert.ErrorIs(t, err, fs.ErrExist, "create tells an existing file from a missing folder by it")
}

// umask is the process's file mode creation mask, as a new file shows it.
func umask(t *testing.T) os.FileMode {
	name := filepath.Join(t.TempDir(), "probe")
	require.NoError(t, os.WriteFile(name, nil, 0o777))
	info, err := os.Stat(name)
	require.NoError(t, err)
	return 0o777 &^ info.Mode().Perm()
}
