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
	pb := newPublisher(t)
	site := smallSite(5, 0)
	pb.publish(t, site)
	pb.publish(t, site)
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
	pb := newPublisher(t)
	site := smallSite(300, 0)
	pb.publish(t, site)
	pb.publish(t, site)
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
