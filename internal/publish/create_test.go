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
	ref, err := os.OpenFile(filepath.Join(dir, "ref.html"), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	require.NoError(t, err)
	require.NoError(t, ref.Close())
	info, err := os.Stat(name)
	require.NoError(t, err)
	want, err := os.Stat(ref.Name())
	require.NoError(t, err)
	assert.Equal(t, want.Mode(), info.Mode(), "the mode os.OpenFile gives")

	for _, p := range []string{name, filepath.Join(dir, "missing", "page.html")} {
		_, err := createExcl(p)
		_, want := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		require.Error(t, want, p)
		assert.EqualError(t, err, want.Error(), p)
	}
	_, err = createExcl(name)
	assert.ErrorIs(t, err, fs.ErrExist, "create tells an existing file from a missing folder by it")
}
