package build

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/cache"
)

// TestSiteSetsOfGoneOrStaleFoldersArePruned builds a project into three
// folders: a build removes the cache files of a folder that was deleted,
// and of one that no build wrote for longer than staleSets, and keeps its
// own and those of folders built into lately, however old their folders.
func TestSiteSetsOfGoneOrStaleFoldersArePruned(t *testing.T) {
	root := project(t)
	dir := t.TempDir()
	outs := map[string]string{}
	for _, name := range []string{"kept", "deleted", "stale", "built"} {
		outs[name] = filepath.Join(dir, name)
		_, stderr, err := buildAt(root, outs[name], "")
		require.NoError(t, err, stderr)
	}
	sets := func() map[string][]string {
		entries, err := os.ReadDir(filepath.Join(root, cache.Dir))
		require.NoError(t, err)
		got := map[string][]string{}
		for name, out := range outs {
			set := filepath.Base(strings.TrimSuffix(cache.File(filepath.Join(root, cache.Dir), out), ".manifest"))
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), set+".") {
					got[name] = append(got[name], strings.TrimPrefix(e.Name(), set))
				}
			}
			sort.Strings(got[name])
		}
		return got
	}
	before := sets()
	for name := range outs {
		assert.Equal(t, []string{".last", ".manifest", ".out", ".print", ".publish", ".search"}, before[name], name)
	}

	require.NoError(t, os.RemoveAll(outs["deleted"]))
	old := time.Now().Add(-staleSets - time.Hour)
	recent := time.Now().Add(-staleSets + time.Hour)
	setFiles := func(name string) []string {
		files, err := filepath.Glob(strings.TrimSuffix(cache.File(filepath.Join(root, cache.Dir), outs[name]), ".manifest") + ".*")
		require.NoError(t, err)
		return files
	}
	for _, f := range setFiles("stale") {
		require.NoError(t, os.Chtimes(f, old, old))
	}
	for _, f := range setFiles("kept") {
		require.NoError(t, os.Chtimes(f, recent, recent))
	}
	writeText(t, filepath.Join(root, "content", "about.md"), "---\ntitle: About\n---\nEdited.\n")
	_, stderr, err := buildAt(root, outs["built"], "")
	require.NoError(t, err, stderr)
	assert.NotContains(t, stderr, "warning:")

	after := sets()
	assert.Equal(t, before["kept"], after["kept"], "a folder built into within the month keeps its set")
	assert.Equal(t, before["built"], after["built"], "the build keeps its own set")
	assert.Empty(t, after["deleted"], "the set of a folder deleted is removed")
	assert.Empty(t, after["stale"], "the set of a folder no build wrote for longer than staleSets is removed")
	assert.DirExists(t, outs["stale"], "only the cache files go, never an output folder")
}

// TestStaleTemporariesArePruned: a build removes the temporary files that
// a killed build left in the cache folder and its shard folders once they
// are older than staleTemporaries, and leaves a recent one (another build
// may be writing it), other files and folders.
func TestStaleTemporariesArePruned(t *testing.T) {
	root := project(t)
	_, stderr, err := buildAt(root, filepath.Join(root, "public"), "")
	require.NoError(t, err, stderr)
	dir := filepath.Join(root, cache.Dir)
	old := time.Now().Add(-staleTemporaries - time.Minute)
	recent := time.Now().Add(-staleTemporaries + 5*time.Minute)
	files := map[string]time.Time{
		".program.tmp-111":                       old,
		filepath.Join(packDir, ".07.bin.tmp-2"):  old,
		filepath.Join(storeDir, ".ab.bin.tmp-3"): old,
		filepath.Join(storeDir, ".cd.bin.tmp-4"): recent,
		"notes.tmp-5":                            old, // not hidden: not one of ours
	}
	for name, at := range files {
		writeText(t, filepath.Join(dir, name), "half a cache file")
		require.NoError(t, os.Chtimes(filepath.Join(dir, name), at, at))
	}
	folder := filepath.Join(dir, ".folder.tmp-6")
	require.NoError(t, os.Mkdir(folder, 0o755))
	require.NoError(t, os.Chtimes(folder, old, old))

	writeText(t, filepath.Join(root, "content", "about.md"), "---\ntitle: About\n---\nEdited.\n")
	_, stderr, err = buildAt(root, filepath.Join(root, "public"), "")
	require.NoError(t, err, stderr)
	assert.NotContains(t, stderr, "warning:")
	for name, at := range files {
		if at.Equal(old) && name != "notes.tmp-5" {
			assert.NoFileExists(t, filepath.Join(dir, name), "%s: a stale temporary file is removed", name)
		} else {
			assert.FileExists(t, filepath.Join(dir, name), "%s is kept", name)
		}
	}
	assert.DirExists(t, folder, "a folder is not a temporary file")
}
