package publish

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWriteReplacesSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	require.NoError(t, Write(dir, map[string][]byte{"index.html": []byte("one"), "old/only.html": []byte("x")}))
	require.NoError(t, Write(dir, map[string][]byte{"index.html": []byte("two"), "a/b/c.html": []byte("deep")}))

	b, err := os.ReadFile(filepath.Join(dir, "index.html"))
	require.NoError(t, err)
	assert.Equal(t, "two", string(b))
	assert.FileExists(t, filepath.Join(dir, "a/b/c.html"))
	assert.NoFileExists(t, filepath.Join(dir, "old/only.html"), "files of the previous build do not linger")
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".public.*"))
	assert.Empty(t, left, "no temporary folders remain")
}

func TestWriteRefusesEscapingPaths(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	require.NoError(t, Write(dir, map[string][]byte{"index.html": []byte("keep")}))
	for _, bad := range []string{"../evil.html", "/etc/evil", "a/../../evil"} {
		err := Write(dir, map[string][]byte{bad: []byte("x")})
		assert.ErrorContains(t, err, "outside the site folder", "path %q", bad)
	}
	b, err := os.ReadFile(filepath.Join(dir, "index.html"))
	require.NoError(t, err)
	assert.Equal(t, "keep", string(b), "a refused write keeps the previous site")
	assert.NoFileExists(t, filepath.Join(filepath.Dir(dir), "evil.html"))
}

func TestCleanRemovesLeftovers(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	require.NoError(t, os.MkdirAll(filepath.Join(parent, ".public.tmp-123", "x"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(parent, "keep-me"), 0o755))
	require.NoError(t, Write(dir, map[string][]byte{"index.html": []byte("x")}))
	assert.NoDirExists(t, filepath.Join(parent, ".public.tmp-123"), "an interrupted build's folder is removed")
	assert.DirExists(t, filepath.Join(parent, "keep-me"))
}

func TestUnwritableParentKeepsSite(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores directory permissions")
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	require.NoError(t, Write(dir, map[string][]byte{"index.html": []byte("keep")}))
	require.NoError(t, os.Chmod(parent, 0o555))
	defer os.Chmod(parent, 0o755)
	assert.Error(t, Write(dir, map[string][]byte{"index.html": []byte("new")}))
	b, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	assert.Equal(t, "keep", string(b))
}
