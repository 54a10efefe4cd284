package build

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSnapshotListsItsFolders reads a project into a snapshot: its input
// folders list, through the snapshot, what they held when it was taken,
// hidden files and empty folders too, without being read again; a file
// written after it is not listed, and a folder it did not list is read.
func TestSnapshotListsItsFolders(t *testing.T) {
	root, _ := generated(t, 3)
	writeText(t, filepath.Join(root, "seeds", ".notes.txt"), "a hidden file\n")
	require.NoError(t, os.MkdirAll(filepath.Join(root, "seeds", "empty"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(root, "elsewhere"), 0o755))
	project := os.DirFS(root)
	b := newBuilder(Options{Project: project})
	snap, err := b.readSnapshot(context.Background(), project, nil, nil)
	require.NoError(t, err)
	fsys := snap.fs(project)

	listed := func(fsys fs.FS, dir string) map[string]bool {
		t.Helper()
		es, err := fs.ReadDir(fsys, dir)
		require.NoError(t, err, dir)
		names := map[string]bool{}
		for _, e := range es {
			names[e.Name()+map[bool]string{true: "/"}[e.IsDir()]] = true
		}
		return names
	}
	for _, dir := range []string{"seeds", "seeds/empty", "content", "content/actors", "content/timeline"} {
		require.Contains(t, snap.folders, dir, "the snapshot lists %s", dir)
		assert.Equal(t, listed(project, dir), listed(fsys, dir), "%s through the snapshot", dir)
	}
	assert.True(t, listed(fsys, "seeds")[".notes.txt"], "hidden files are listed")
	assert.True(t, listed(fsys, "seeds")["empty/"], "empty folders are listed")

	writeText(t, filepath.Join(root, "seeds", "999_00.txt"), "Written after the snapshot\n")
	assert.False(t, listed(fsys, "seeds")["999_00.txt"], "a file written after the snapshot is not in it")
	assert.True(t, listed(project, "seeds")["999_00.txt"])
	writeText(t, filepath.Join(root, "elsewhere", "x"), "x\n")
	assert.True(t, listed(fsys, "elsewhere")["x"], "a folder the snapshot did not list is read")
}
