package build

import (
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/cache"
	"github.com/dossier-project/dossier/internal/render"
)

// TestPrintCacheRendersOnlyWhatChanged marks every body the printable page's
// cache holds, edits one page and rebuilds: the page shows every other body
// from the cache, marked, and the edited one rendered anew.
func TestPrintCacheRendersOnlyWhatChanged(t *testing.T) {
	root, out := builtGenerated(t)
	b := &builder{o: Options{CacheDir: filepath.Join(root, cache.Dir), Out: out}}
	version, err := cache.Version(b.o.CacheDir)
	require.NoError(t, err)
	b.version = version
	html, err := loadPrint(b.printFile(), version)
	require.NoError(t, err)
	require.NotEmpty(t, html, "the build kept the printable page's bodies")

	// The cache's bodies, marked, as a build would keep them.
	const mark = `<span class="from-the-cache"></span>`
	marked := map[render.Key]template.HTML{}
	for k, h := range html {
		marked[k] = mark + h
	}
	require.NoError(t, writePrint(b.printFile(), version, marked))

	actor := firstFile(t, filepath.Join(root, "content", "actors"))
	src, err := os.ReadFile(actor)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(actor, []byte(strings.Replace(string(src), " is ", " is, in a new phrase, ", 1)), 0o644))
	res, stderr, err := buildAt(root, out, "")
	require.NoError(t, err, stderr)
	assert.NotContains(t, stderr, "warning:")

	page, err := os.ReadFile(filepath.Join(out, "print", "index.html"))
	require.NoError(t, err)
	marks := strings.Count(string(page), mark)
	assert.Equal(t, len(html)-1, marks, "every body but the edited one comes from the cache (%d files, %d kept)", res.Files, res.Kept)
	at := strings.Index(string(page), "in a new phrase")
	require.Positive(t, at, "the edited body is on the printable page")
	item := string(page[strings.LastIndex(string(page[:at]), "<article"):])
	item = item[:strings.Index(item, "</article>")]
	assert.NotContains(t, item, mark, "the edited body is rendered anew")

	// The cache now holds what the page shows: the marked bodies and the
	// edited one.
	again, err := loadPrint(b.printFile(), version)
	require.NoError(t, err)
	assert.Len(t, again, len(html))
	fromCache := 0
	for _, h := range again {
		if strings.HasPrefix(string(h), mark) {
			fromCache++
		}
	}
	assert.Equal(t, len(html)-1, fromCache)
}

// TestOlderCacheFilesAreDroppedSilently gives the cache folder the record,
// manifest, publish state and printable bodies of another version of the
// program: the rebuild ignores them without a warning and equals a clean
// build.
func TestOlderCacheFilesAreDroppedSilently(t *testing.T) {
	root, out := builtGenerated(t)
	base := strings.TrimSuffix(cache.File(filepath.Join(root, cache.Dir), out), ".manifest")
	for ext, format := range map[string]string{".last": "dossier-last-1", ".manifest": "dossier-manifest-2", ".publish": "dossier-publish-1", ".print": "dossier-print-0"} {
		require.NoError(t, cache.WriteSealed(base+ext, format, []byte("older")))
	}
	actor := firstFile(t, filepath.Join(root, "content", "actors"))
	src, err := os.ReadFile(actor)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(actor, []byte(strings.Replace(string(src), " is ", " is, once more, ", 1)), 0o644))
	_, stderr := rebuildMatchesClean(t, root, out, "older cache files")
	assert.NotContains(t, stderr, "warning:")
}
