package renameio

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReplaceWhenTheOldFileIsGoneFirst: between the exchange and the
// unlink the temporary name holds the old file, which a sweep of stale
// temporary files may remove first; p is replaced all the same.
func TestReplaceWhenTheOldFileIsGoneFirst(t *testing.T) {
	dir := t.TempDir()
	tmp, p := filepath.Join(dir, ".p.tmp-1"), filepath.Join(dir, "p")
	require.NoError(t, os.WriteFile(p, []byte("old"), 0o644))
	require.NoError(t, os.WriteFile(tmp, []byte("new"), 0o644))
	swept := false
	defer func(u func(string) error) { unlink = u }(unlink)
	unlink = func(name string) error {
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		assert.Equal(t, "old", string(b), "the temporary name holds the old file")
		require.NoError(t, os.Remove(name))
		swept = true
		return os.Remove(name)
	}
	require.NoError(t, Replace(tmp, p), "the old file removed by someone else is no error")
	assert.True(t, swept)
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	assert.Equal(t, "new", string(b))
	assert.NoFileExists(t, tmp)
}
