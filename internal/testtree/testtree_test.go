package testtree

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCopyThenRead(t *testing.T) {
	from := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(from, "a", "b"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(from, "empty"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(from, "top.txt"), []byte("top"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(from, "a", "b", "deep.txt"), []byte("deep"), 0o644))

	to := filepath.Join(t.TempDir(), "copy")
	Copy(t, from, to)
	assert.Equal(t, map[string][]byte{"top.txt": []byte("top"), "a/b/deep.txt": []byte("deep")}, Read(t, to))
	assert.DirExists(t, filepath.Join(to, "empty"), "empty folders are copied too")
}
