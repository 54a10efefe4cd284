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

func TestStageReusesUnchangedFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	require.NoError(t, Write(dir, map[string][]byte{"a/same.html": []byte("same"), "changed.html": []byte("old")}))
	before, err := os.Stat(filepath.Join(dir, "a/same.html"))
	require.NoError(t, err)

	st, err := Begin(dir)
	require.NoError(t, err)
	require.NoError(t, st.Reuse("a/same.html"))
	assert.Error(t, st.Reuse("missing.html"), "only files of the current site can be reused")
	assert.ErrorContains(t, st.Reuse("../escape.html"), "outside the site folder")
	_, err = st.WriteFile("changed.html", []byte("new"))
	require.NoError(t, err)
	b, _ := os.ReadFile(filepath.Join(dir, "changed.html"))
	assert.Equal(t, "old", string(b), "the current site is untouched until Commit")
	require.NoError(t, st.Commit())

	after, err := os.Stat(filepath.Join(dir, "a/same.html"))
	require.NoError(t, err)
	assert.True(t, os.SameFile(before, after), "a reused file is the same file, not a copy")
	b, _ = os.ReadFile(filepath.Join(dir, "changed.html"))
	assert.Equal(t, "new", string(b))
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".public.*"))
	assert.Empty(t, left, "no temporary folders remain")
}
