package dirfs

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestIdentitiesAreStats holds Identities to what os.Stat says of each
// name: a file, one in a folder, a link to a file (followed), a dangling
// link, a folder, a missing file, and names that are not paths inside the
// tree, which it never looks up.
func TestIdentitiesAreStats(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(root, "seeds", "sub"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, "seeds", "001_a.txt"), []byte("A headline\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(root, "seeds", "sub", "b.txt"), []byte("bb"), 0o644))
	require.NoError(t, os.Symlink("001_a.txt", filepath.Join(root, "seeds", "link.txt")))
	require.NoError(t, os.Symlink("nowhere", filepath.Join(root, "seeds", "dangling.txt")))
	outside := filepath.Join(t.TempDir(), "outside.txt")
	require.NoError(t, os.WriteFile(outside, []byte("x"), 0o644))
	names := []string{"seeds/001_a.txt", "seeds/sub/b.txt", "seeds/link.txt", "seeds/dangling.txt", "seeds", "seeds/missing.txt",
		"../" + filepath.Base(filepath.Dir(outside)) + "/outside.txt", outside, "seeds/./001_a.txt"}
	ids, regular, ok := New(root).Identities(names)
	require.True(t, ok)
	for i, name := range names {
		info, err := os.Stat(filepath.Join(root, name))
		want := err == nil && info.Mode().IsRegular() && name != "seeds/./001_a.txt" && !filepath.IsAbs(name) && name[0] != '.'
		assert.Equal(t, want, regular[i], name)
		if !want {
			assert.Zero(t, ids[i], name)
			continue
		}
		st := info.Sys().(*syscall.Stat_t)
		assert.Equal(t, Identity{uint64(st.Dev), uint64(st.Ino), info.Size(), info.ModTime().UnixNano(), st.Ctim.Nano()}, ids[i], name)
	}

	_, _, ok = New(filepath.Join(root, "missing")).Identities(names)
	assert.False(t, ok, "a tree whose folder cannot be opened takes nothing")
}
