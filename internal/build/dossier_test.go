package build

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/linkcheck"
)

// TestRealDossier builds the project's own dossier and checks the result:
// it must verify cleanly, and every link, fragment and asset must resolve.
func TestRealDossier(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	res, stderr, err := buildAt("../..", out, "")
	require.NoError(t, err, stderr)
	t.Logf("%d pages, %d files from %d sources", res.Stats.Pages, res.Files, res.Sources)

	rep, err := linkcheck.Check(out)
	require.NoError(t, err)
	t.Logf("link check: %d pages, %d links, %d problems", rep.Pages, rep.Links, len(rep.Problems))
	assert.Empty(t, rep.Problems)

	for _, dir := range []string{"actors", "timeline", "figures", "topics", "sources"} {
		entries, err := os.ReadDir(filepath.Join(out, dir))
		require.NoError(t, err)
		assert.NotEmpty(t, entries, "%s/ has pages", dir)
	}

	// Every section of the timeline has a heading of its own: readers and
	// screen readers' landmarks tell them apart by it.
	timeline := read(t, out, "timeline/index.html")
	headings := map[string]int{}
	for _, m := range regexp.MustCompile(`<h2 id="[^"]*"[^>]*>([^<]*)<`).FindAllStringSubmatch(timeline, -1) {
		headings[m[1]]++
	}
	require.NotEmpty(t, headings, "the timeline has section headings")
	for h, n := range headings {
		assert.Equal(t, 1, n, "timeline section heading %q is used once", h)
	}
}
