package publish

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFoldersOf(t *testing.T) {
	assert.Equal(t, []string{""}, foldersOf([]string{"a.html", "b.html"}))
	assert.Equal(t, []string{"", "a", "a/b", "a/c", "d"},
		foldersOf([]string{"a/b/x.html", "a/b/y.html", "a/c/z.html", "a/index.html", "d/e.html", "f.html"}))
}

// A folder looked up ahead whose entries the transaction then changes is
// looked up again before it is pruned: its entry count, as the state knows
// it, is the new site's, but one of its entries is stale.
func TestFolderChangedAfterItWasLookedUpIsPruned(t *testing.T) {
	pb := newPublisher(t)
	pb.lookAhead = true
	v1 := map[string][]byte{"f/a.html": []byte("a"), "f/b.html": []byte("b")}
	v2 := map[string][]byte{"f/a.html": []byte("a"), "f/c.html": []byte("c")}
	for range 3 {
		pb.publish(t, v1)
	}
	pb.publish(t, v2) // checks that the live site is exactly v2
	pb.publish(t, v2)
	pb.publish(t, v2)
}

// What the lookahead found of each declared file is what lstat says of it,
// matched by path whether or not the file was looked up.
func TestLookAheadMatchesDeclaredPaths(t *testing.T) {
	pb, site := steady(t, 5)
	tx, err := Open(pb.dir, Options{State: pb.state})
	require.NoError(t, err)
	defer tx.Abort()
	old := sortedKeys(site)
	tx.LookAhead(old)
	require.NotNil(t, tx.look, "a spare known from the state is looked up")
	declared := append([]string{"a-new-page.html"}, old...)
	declared = append(declared, "pages/p02/new.html", "zz.html")
	require.NoError(t, tx.Declare(declared))
	spare := filepath.Join(filepath.Dir(pb.dir), ".public.publish", "spare")
	for i, p := range tx.decl.paths {
		f, ok := tx.look.file(p, i)
		if _, inSite := site[p]; !inSite {
			assert.False(t, ok, "%s was not looked up", p)
			continue
		}
		require.True(t, ok, "%s was looked up", p)
		want, kind, wantOK := lstat(filepath.Join(spare, filepath.FromSlash(p)))
		assert.Equal(t, found{want, kind, wantOK}, f, "%s", p)
		g, ok := tx.look.file(p, -1)
		assert.True(t, ok)
		assert.Equal(t, f, g, "%s found without its declared index", p)
	}
	for _, d := range []string{"", "pages", "pages/p03"} {
		f, ok := tx.look.folder(d)
		require.True(t, ok, "folder %q was looked up", d)
		want, kind, wantOK := lstat(filepath.Join(spare, filepath.FromSlash(d)))
		assert.Equal(t, found{want, kind, true}, f, "folder %q", d)
		assert.True(t, wantOK)
		assert.Equal(t, folderFile, kind)
	}
	_, ok := tx.look.folder("nowhere")
	assert.False(t, ok)
}

// A transaction ended while its lookahead runs stops it before the spare's
// folder descriptor is closed; one that looks nothing up ahead is as before.
func TestLookAheadStopsWithTheTransaction(t *testing.T) {
	pb, site := steady(t, 300)
	for range 5 {
		tx, err := Open(pb.dir, Options{State: pb.state})
		require.NoError(t, err)
		tx.LookAhead(sortedKeys(site))
		tx.Abort()
		assert.True(t, tx.look.ready.Load(), "Abort waits for the lookups under way")
	}
	tx, err := Open(pb.dir, Options{State: pb.state})
	require.NoError(t, err)
	tx.LookAhead([]string{"b.html", "a.html"})
	assert.Nil(t, tx.look, "paths out of order are not looked up")
	tx.Abort()

	fresh := newPublisher(t)
	tx, err = Open(fresh.dir, Options{State: fresh.state})
	require.NoError(t, err)
	tx.LookAhead(sortedKeys(site))
	assert.Nil(t, tx.look, "a spare the transaction made holds nothing to look up")
	tx.Abort()
	_, err = os.Stat(fresh.dir)
	assert.True(t, os.IsNotExist(err), "nothing was published")
}

// rebuild publishes next over a spare holding prev, looking prev's files
// up ahead, and returns how many folders the prune read.
func rebuild(t *testing.T, pb *publisher, prev, next map[string][]byte) int64 {
	t.Helper()
	tx, err := Open(pb.dir, Options{State: pb.state})
	require.NoError(t, err)
	tx.LookAhead(sortedKeys(prev))
	require.NoError(t, tx.Declare(sortedKeys(next)))
	for _, p := range sortedKeys(next) {
		if old, ok := prev[p]; ok && string(old) == string(next[p]) {
			kept, err := tx.Keep(p, pb.sums[p])
			require.NoError(t, err)
			if kept {
				continue
			}
		}
		pb.sums[p], err = tx.Put(p, next[p])
		require.NoError(t, err)
	}
	_, err = tx.Commit()
	require.NoError(t, err)
	pb.prev = next
	assert.Equal(t, strs(next), snapshot(t, pb.dir), "the live site is exactly the new version")
	return tx.swept.Load()
}

// A folder that held, when it was looked up, what the state knew, and to
// which the transaction added new files and folders only, holds the new
// site's entries and nothing else: it is not read. One that changed
// before, or lost an entry since, is.
func TestFolderGainingNewEntriesIsNotRead(t *testing.T) {
	v1 := map[string][]byte{"f/a.html": []byte("a"), "f/b.html": []byte("b"), "g/x.html": []byte("x")}
	v2 := map[string][]byte{"f/a.html": []byte("a"), "f/b.html": []byte("b2"), "f/c.html": []byte("c"),
		"f/d/index.html": []byte("d"), "g/x.html": []byte("x")}
	steadyOn := func(t *testing.T, site map[string][]byte) *publisher {
		pb := newPublisher(t)
		for range 3 {
			pb.publish(t, site)
		}
		return pb
	}

	// The spare is one version behind: a rebuild patches the tree the
	// build before the last made.
	pb := steadyOn(t, v1)
	assert.Zero(t, rebuild(t, pb, v1, v2), "f gained a file and a folder and replaced one; d is new, made by the transaction")
	assert.Zero(t, rebuild(t, pb, v2, v2), "the other tree gains them by links")
	assert.Equal(t, int64(1), rebuild(t, pb, v2, v1), "f lost entries: read")

	pb = steadyOn(t, v1)
	spare := filepath.Join(filepath.Dir(pb.dir), ".public.publish", "spare")
	require.NoError(t, os.WriteFile(filepath.Join(spare, "f", "stray.html"), []byte("s"), 0o644))
	assert.NotZero(t, rebuild(t, pb, v1, v2), "f changed before it was looked up: read, and the stray removed")

	// A folder where a file was, and a file where a folder was, replace an
	// entry: neither is new.
	pb = steadyOn(t, v1)
	v3 := map[string][]byte{"f/a.html": []byte("a"), "f/b.html/index.html": []byte("b is a folder now"), "g/x.html": []byte("x")}
	assert.Zero(t, rebuild(t, pb, v1, v3), "b became a folder")
	assert.Zero(t, rebuild(t, pb, v3, v3), "in the other tree too")
	assert.Zero(t, rebuild(t, pb, v3, v1), "and a file again")
	assert.Zero(t, rebuild(t, pb, v1, v1), "in the other tree too")
}

func TestAddedCountsNewEntries(t *testing.T) {
	tx := &Tx{spare: filepath.Join("x", "spare"), look: &lookahead{}}
	tx.added(filepath.Join("x", "spare", "a"), 1)
	tx.added(filepath.Join("x", "spare", "a"), 1)
	tx.touch(filepath.Join("x", "spare", "a", "b"))
	tx.touch(filepath.Join("x", "spare"))
	tx.added(filepath.Join("x", "spare", "c"), 1)
	tx.added(filepath.Join("x", "spare", "c"), -1)
	tx.added(filepath.Join("x", "spare", "c"), 1)
	tx.added(filepath.Join("x", "sparel", "d"), 1)
	tx.added("x", 1)
	assert.Equal(t, map[string]int{"a": 2, "a/b": 0, "": 0, "c": -1}, tx.touchedDirs)
	assert.True(t, tx.touched("a/b"))
	assert.False(t, tx.touched("d"))
}

func TestPublished(t *testing.T) {
	pb := newPublisher(t)
	assert.False(t, Published(pb.dir), "nothing published yet")
	pb.publish(t, smallSite(1, 0))
	assert.True(t, Published(pb.dir))
	link := filepath.Join(t.TempDir(), "site")
	require.NoError(t, os.Symlink(pb.dir, link))
	assert.True(t, Published(link), "through a link to the site folder")
}
