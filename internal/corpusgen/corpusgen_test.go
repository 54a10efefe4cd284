package corpusgen

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	}))
	return files
}

func TestWriteIsDeterministic(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, tt := range []struct {
		dir    string
		random uint64
	}{{a, 3}, {b, 3}, {c, 4}} {
		_, err := Write(tt.dir, Options{Seeds: 12, Random: tt.random})
		require.NoError(t, err)
	}
	assert.Equal(t, tree(t, a), tree(t, b), "the same seed number gives the same files")
	assert.NotEqual(t, tree(t, a), tree(t, c), "another seed number gives other files")
}

func TestWriteCountsAndNames(t *testing.T) {
	dir := t.TempDir()
	c, err := Write(dir, Options{Seeds: 1001, Random: 1})
	require.NoError(t, err)
	assert.Equal(t, Counts{Seeds: 1001, Actors: 100, Events: 200, Figures: 100, Topics: 20}, c)
	files := tree(t, dir)
	var seeds, hugoSources, hugoInbox int
	for p := range files {
		switch {
		case strings.HasPrefix(p, "dossier/seeds/") && strings.HasSuffix(p, ".txt"):
			seeds++
		case strings.HasPrefix(p, "hugo/content/sources/") && !strings.HasSuffix(p, "/_index.md"):
			hugoSources++
		case strings.HasPrefix(p, "hugo/content/inbox/") && !strings.HasSuffix(p, "/_index.md"):
			hugoInbox++
		}
	}
	assert.Equal(t, 1001, seeds, "seed files")
	assert.Equal(t, 1001, hugoSources, "a Hugo page per seed")
	assert.Equal(t, 1001, hugoInbox, "a Hugo inbox page per seed")
	assert.Contains(t, files, "hugo/content/_index.md", "the briefing is Hugo's home page")
	matches, err := filepath.Glob(filepath.Join(dir, "dossier/seeds/1000_*.txt"))
	require.NoError(t, err)
	assert.Len(t, matches, 1, "seed 1000 is numbered past 999 without a leading zero")
}

func TestWriteRejectsNoSeeds(t *testing.T) {
	_, err := Write(t.TempDir(), Options{Seeds: 0})
	assert.ErrorContains(t, err, "at least one seed")
}
