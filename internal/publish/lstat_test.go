package publish

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLstatIsLstatInfo holds the platform's lstat to what os.Lstat says
// of a file, a folder, a symbolic link and a missing path.
func TestLstatIsLstatInfo(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "index.html")
	require.NoError(t, os.WriteFile(file, []byte("<p>one</p>\n"), 0o644))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "actors"), 0o755))
	require.NoError(t, os.Symlink("index.html", filepath.Join(dir, "link")))
	for _, name := range []string{"index.html", "actors", "link", "missing"} {
		full := filepath.Join(dir, name)
		id, kind, ok := lstat(full)
		wantID, wantKind, wantOK := lstatInfo(full)
		assert.Equal(t, wantOK, ok, name)
		assert.Equal(t, wantKind, kind, name)
		assert.Equal(t, wantID, id, name)
	}
	// A tree looks up the same, by paths inside it; a missing folder's by
	// full paths.
	for _, root := range []string{dir, filepath.Join(dir, "missing")} {
		tr := openTree(root)
		for _, name := range []string{"", "index.html", "actors", "link", "missing", "actors/missing"} {
			full := filepath.Join(root, name)
			id, kind, ok := tr.lstat(name)
			wantID, wantKind, wantOK := lstatInfo(full)
			assert.Equal(t, wantOK, ok, name)
			assert.Equal(t, wantKind, kind, name)
			assert.Equal(t, wantID, id, name)
		}
		tr.close()
	}
	id, kind, _ := lstatInfo(file)
	assert.Equal(t, regularFile, kind)
	assert.EqualValues(t, 11, id.size)
	assert.NotZero(t, id.mtime)
	_, ok := identify(filepath.Join(dir, "link"))
	assert.False(t, ok, "a link is not a regular file")
	tr := openTree(dir)
	defer tr.close()
	_, ok = identifyFolderIn(tr, "actors")
	assert.True(t, ok)
}
